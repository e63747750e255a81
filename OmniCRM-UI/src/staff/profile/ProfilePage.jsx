import Page from '../../shared/ui/Page';
import ProfileDetails from '../../shared/ui/ProfileDetails';

export default function ProfilePage() {
  return (
    <Page title="Profile">
      <ProfileDetails />
    </Page>
  );
}
