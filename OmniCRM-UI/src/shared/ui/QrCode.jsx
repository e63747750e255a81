import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

// A QR code of `text` drawn in the browser (no image service sees what it carries), `size` pixels
// square.
export default function QrCode({ text, label, size = 200 }) {
  const [svg, setSvg] = useState('');

  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((markup) => {
      if (current) setSvg(markup);
    });
    return () => {
      current = false;
    };
  }, [text]);

  const style = { width: size, height: size };
  if (!svg) return <div className="qr-code qr-code--loading" style={style} />;
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={size}
      height={size}
      style={style}
    />
  );
}
