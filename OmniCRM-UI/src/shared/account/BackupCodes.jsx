import { config } from '../config';
import CopyButton from '../ui/CopyButton';
import { downloadText } from '../ui/download';

function codesFile(codes) {
  return [
    `${config.companyName} two-factor authentication backup codes`,
    'Each code works once. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\n');
}

// The 10 single-use backup codes, with "Copy codes" and "Download codes" (a .txt file).
export default function BackupCodes({ codes }) {
  return (
    <div className="backup-codes">
      <ol className="backup-codes__grid" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="backup-codes__actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <button
          type="button"
          className="button button--outline"
          onClick={() => downloadText('backup-codes.txt', codesFile(codes))}
        >
          Download codes
        </button>
      </div>
    </div>
  );
}
