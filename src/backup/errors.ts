/**
 * Why a backup or a restore stopped. Every refusal of a backup folder (BACKUP_*) happens before the
 * database is touched; the other codes say what was left as it was.
 */
export type BackupErrorCode =
  /** backup: the target folder exists already (a backup is never written over another). */
  | 'BACKUP_TARGET_EXISTS'
  /** backup: the graph changed while it was being read (a write landed); nothing was kept. */
  | 'BACKUP_INCONSISTENT'
  /** restore: the path is not a folder. */
  | 'BACKUP_NOT_FOUND'
  /** restore: no manifest.json — not a backup, or one that was never finished. */
  | 'BACKUP_MANIFEST_MISSING'
  /** restore: manifest.json is not valid JSON, misses fields, or does not match its own seal. */
  | 'BACKUP_MANIFEST_INVALID'
  /** restore: written by a newer or unknown backup format. */
  | 'BACKUP_UNSUPPORTED_VERSION'
  /** restore: a file the manifest lists is not there. */
  | 'BACKUP_FILE_MISSING'
  /** restore: a file's size or sha256 is not the manifest's. */
  | 'BACKUP_FILE_CORRUPT'
  /** restore: a file the manifest does not list (the loader would load it). */
  | 'BACKUP_UNEXPECTED_FILE'
  /** backup --dump with NEO4J_URI set: only the local Neo4j can be stopped and dumped. */
  | 'DUMP_NOT_LOCAL'
  /** restore: the database holds data and --replace was not given; nothing was changed. */
  | 'RESTORE_NOT_EMPTY'
  /** restore: the restored graph's checksum is not the manifest's; the previous database was put back. */
  | 'RESTORE_CHECKSUM_MISMATCH'
  /** restore: a previous restore was interrupted and left the database it replaced aside. */
  | 'RESTORE_INTERRUPTED';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The CLI's exit code: 4 a backup refused as damaged or partial, 2 a usage error, 1 a failure. */
export function backupExitCode(code: BackupErrorCode): number {
  if (code.startsWith('BACKUP_') && code !== 'BACKUP_TARGET_EXISTS' && code !== 'BACKUP_INCONSISTENT')
    return 4;
  if (code === 'BACKUP_TARGET_EXISTS' || code === 'DUMP_NOT_LOCAL' || code === 'RESTORE_NOT_EMPTY') return 2;
  return 1;
}
