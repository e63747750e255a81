import { contrastTextColor } from './tagColors';

// A tag as a coloured pill; a tag with a link opens it in a new tab.
export default function TagPill({ tag }) {
  const style = { background: `#${tag.tag_hex_color}`, color: contrastTextColor(tag.tag_hex_color) };
  if (!tag.tag_link) {
    return (
      <span className="tag-pill" style={style}>
        {tag.tag_text}
      </span>
    );
  }
  return (
    <a className="tag-pill" style={style} href={tag.tag_link} target="_blank" rel="noopener">
      {tag.tag_text}
    </a>
  );
}
