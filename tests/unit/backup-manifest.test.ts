import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackupError, BackupErrorCode, backupExitCode } from '../../src/backup/errors';
import {
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_FILE,
  Manifest,
  describeFiles,
  sealOf,
  verifyBackup,
} from '../../src/backup/manifest';

/** The checks restore makes before it touches a database, on a small backup folder made here. */

let dir: string;

async function writeBackup(edit: (m: Omit<Manifest, 'seal'>) => void = () => {}): Promise<Manifest> {
  const body: Omit<Manifest, 'seal'> = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    created: '2026-11-29T08:00:00.000Z',
    stancegraph: '0.1.0',
    neo4j: { version: '5.26.30', edition: 'community', database: 'neo4j' },
    counts: { documents: 1, registered: 0, nodes: 3, relationships: 2 },
    checksum: { nodes: 3, relationships: 2, sha256: 'a'.repeat(64) },
    dump: { file: null, reason: '--no-dump' },
    timings: {},
    files: await describeFiles(dir),
  };
  edit(body);
  const manifest = { ...body, seal: sealOf(body) };
  writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function code(): Promise<BackupErrorCode | undefined> {
  try {
    await verifyBackup(dir);
    return undefined;
  } catch (error) {
    if (error instanceof BackupError) return error.code;
    throw error;
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-manifest-'));
  mkdirSync(path.join(dir, 'export', 'doc-a'), { recursive: true });
  writeFileSync(path.join(dir, 'export', 'doc-a', 'article.txt'), 'An article.\n');
  writeFileSync(path.join(dir, 'export', 'entities.yaml'), 'entities: []\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('a whole backup passes, its files listed with size and sha256', async () => {
  const written = await writeBackup();
  expect(written.files.map((f) => [f.path, f.bytes])).toEqual([
    ['export/doc-a/article.txt', 12],
    ['export/entities.yaml', 13],
  ]);
  expect(await verifyBackup(dir)).toEqual(written);
});

it.each<[string, BackupErrorCode, () => void]>([
  [
    'a file whose bytes changed, same size',
    'BACKUP_FILE_CORRUPT',
    () => writeFileSync(path.join(dir, 'export', 'doc-a', 'article.txt'), 'An articlE.\n'),
  ],
  [
    'a file cut short',
    'BACKUP_FILE_CORRUPT',
    () => writeFileSync(path.join(dir, 'export', 'entities.yaml'), 'ent'),
  ],
  ['a file gone', 'BACKUP_FILE_MISSING', () => rmSync(path.join(dir, 'export', 'entities.yaml'))],
  ['a file added', 'BACKUP_UNEXPECTED_FILE', () => writeFileSync(path.join(dir, 'export', 'extra.yaml'), '')],
  ['the manifest gone', 'BACKUP_MANIFEST_MISSING', () => rmSync(path.join(dir, MANIFEST_FILE))],
  [
    'the manifest cut short',
    'BACKUP_MANIFEST_INVALID',
    () => {
      const file = path.join(dir, MANIFEST_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    },
  ],
  [
    'a count changed in the manifest',
    'BACKUP_MANIFEST_INVALID',
    () => {
      const file = path.join(dir, MANIFEST_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"nodes": 3', '"nodes": 4'));
    },
  ],
])('%s: %s', async (_case, expected, harm) => {
  await writeBackup();
  harm();
  expect(await code()).toBe(expected);
});

it('a manifest may not name a file outside its folder, even sealed', async () => {
  writeFileSync(path.join(dir, '..', `${path.basename(dir)}-outside`), 'x');
  try {
    await writeBackup((m) =>
      m.files.push({ path: `../${path.basename(dir)}-outside`, bytes: 1, sha256: 'b'.repeat(64) }),
    );
    expect(await code()).toBe('BACKUP_MANIFEST_INVALID');
  } finally {
    rmSync(path.join(dir, '..', `${path.basename(dir)}-outside`), { force: true });
  }
});

it('a backup of another format version is refused as such', async () => {
  await writeBackup((m) => (m.formatVersion = FORMAT_VERSION + 1));
  expect(await code()).toBe('BACKUP_UNSUPPORTED_VERSION');
});

it('no such folder: BACKUP_NOT_FOUND; exit codes: 4 refused backup, 2 usage, 1 failure', async () => {
  rmSync(dir, { recursive: true });
  expect(await code()).toBe('BACKUP_NOT_FOUND');
  expect(backupExitCode('BACKUP_FILE_CORRUPT')).toBe(4);
  expect(backupExitCode('RESTORE_NOT_EMPTY')).toBe(2);
  expect(backupExitCode('RESTORE_CHECKSUM_MISMATCH')).toBe(1);
});
