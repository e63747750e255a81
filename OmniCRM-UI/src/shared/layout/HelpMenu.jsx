import { config } from '../config';
import Dropdown from '../ui/Dropdown';
import { HelpIcon } from '../ui/icons';

const links = [
  { label: 'FAQs', url: config.faqsUrl },
  { label: 'Support', url: config.supportUrl },
].filter((link) => link.url);

export default function HelpMenu() {
  if (links.length === 0) return null;
  return (
    <Dropdown label="Help" buttonContent={<HelpIcon />}>
      {links.map((link) => (
        <a
          key={link.label}
          className="dropdown__item"
          role="menuitem"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
        >
          {link.label}
        </a>
      ))}
    </Dropdown>
  );
}
