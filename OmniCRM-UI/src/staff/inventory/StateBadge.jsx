import Badge from '../../shared/ui/Badge';
import { stateKind } from './inventoryStates';

export default function StateBadge({ state }) {
  return <Badge kind={stateKind(state)}>{state}</Badge>;
}
