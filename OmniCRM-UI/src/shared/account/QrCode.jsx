import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

// A QR code drawn in the browser (no image service sees the secret it carries).
export default function QrCode({ text, label }) {
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

  if (!svg) return <div className="qr-code qr-code--loading" />;
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width="200"
      height="200"
    />
  );
}
