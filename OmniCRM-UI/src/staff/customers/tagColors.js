// Tag pill colours (spec 02 §4.5): the text is black on light backgrounds and white on dark ones,
// by the background's relative luminance (WCAG 2): above 0.5 means light.
function channelLuminance(value) {
  const srgb = value / 255;
  return srgb <= 0.03928 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hexColor) {
  const hex = hexColor.replace(/^#/, '');
  const [red, green, blue] = [0, 2, 4].map((start) => channelLuminance(parseInt(hex.slice(start, start + 2), 16)));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

export function contrastTextColor(hexColor) {
  return relativeLuminance(hexColor) > 0.5 ? '#000000' : '#FFFFFF';
}
