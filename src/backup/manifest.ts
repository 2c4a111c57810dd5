import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { BackupError } from './errors';

/**
 * manifest.json, the last file a backup writes: what the backup holds (counts, the graph checksum, the
 * dump if there is one) and the size and sha256 of every other file in the folder. Its `seal` is the
 * sha256 of the rest of the manifest (canonical JSON), so a changed byte anywhere in it is seen too.
 */
export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'stancegraph-backup';
export const FORMAT_VERSION = 1;
/** The logical export (src/ingest/export.ts) inside a backup folder. */
export const EXPORT_DIR = 'export';
/** neo4j-admin's dump inside a backup folder, when there is one. */
export const DUMP_DIR = 'dump';

const sha = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');
const count = z.number().int().min(0);
/** Relative, forward slashes, no `..`, nothing absolute: a manifest cannot name a file outside its folder. */
const relativePath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      p.split('/').every((part) => part && part !== '..' && part !== '.'),
    'must be a relative path inside the backup',
  );

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  created: z.string().datetime(),
  stancegraph: z.string(),
  neo4j: z.object({ version: z.string(), edition: z.string(), database: z.string() }),
  counts: z.object({ documents: count, registered: count, nodes: count, relationships: count }),
  checksum: z.object({ nodes: count, relationships: count, sha256: sha }),
  /** The dump's file, or null with the reason there is none. */
  dump: z.union([
    z.object({ file: relativePath, database: z.string() }),
    z.object({ file: z.null(), reason: z.string() }),
  ]),
  timings: z.record(z.string(), z.number()),
  files: z.array(z.object({ path: relativePath, bytes: count, sha256: sha })),
  seal: sha,
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = Manifest['files'][number];

export function sealOf(manifest: Omit<Manifest, 'seal'> & { seal?: string }): string {
  const { seal: _seal, ...rest } = manifest;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under dir, as relative paths with forward slashes, sorted. */
export function listFiles(dir: string, under = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The files entry of the manifest: every file under dir but the manifest itself. */
export async function describeFiles(dir: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const rel of listFiles(dir).filter((f) => f !== MANIFEST_FILE)) {
    const file = path.join(dir, ...rel.split('/'));
    files.push({ path: rel, bytes: statSync(file).size, sha256: await fileSha256(file) });
  }
  return files;
}

/**
 * Reads and checks a backup folder before anything is restored from it: the manifest is there, parses,
 * has every field, matches its seal and a format this version reads; every file it lists is there with
 * its size and sha256; no other file is (the loader would load an extra document). Throws a BackupError
 * naming every problem found; reads the database not at all.
 */
export async function verifyBackup(dir: string): Promise<Manifest> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BackupError('BACKUP_NOT_FOUND', `${dir}: no such folder`);
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) {
    throw new BackupError(
      'BACKUP_MANIFEST_MISSING',
      `${dir} has no ${MANIFEST_FILE}: it is not a backup, or one that was never finished ` +
        '(a backup writes its manifest last); nothing was restored',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${manifestFile} is not valid JSON (${(error as Error).message}): truncated or damaged; nothing was restored`,
    );
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== FORMAT_VERSION) {
    throw new BackupError(
      'BACKUP_UNSUPPORTED_VERSION',
      `${manifestFile}: backup format ${version}; this stancegraph reads format ${FORMAT_VERSION}; nothing was restored`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`);
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${manifestFile} is not a backup manifest: ${problems.slice(0, 5).join('; ')}; nothing was restored`,
    );
  }
  const manifest = parsed.data;
  if (sealOf(manifest) !== manifest.seal) {
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${manifestFile} was changed after the backup wrote it (its seal does not match); nothing was restored`,
    );
  }

  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const entry of manifest.files) {
    const file = path.join(dir, ...entry.path.split('/'));
    if (!existsSync(file) || !statSync(file).isFile()) {
      missing.push(entry.path);
      continue;
    }
    const bytes = statSync(file).size;
    if (bytes !== entry.bytes) {
      corrupt.push(`${entry.path} (${bytes} bytes, the manifest says ${entry.bytes})`);
      continue;
    }
    if ((await fileSha256(file)) !== entry.sha256) corrupt.push(`${entry.path} (sha256 differs)`);
  }
  const listed = new Set([MANIFEST_FILE, ...manifest.files.map((f) => f.path)]);
  const unexpected = listFiles(dir).filter((f) => !listed.has(f));
  const problems = [
    missing.length && `missing: ${missing.join(', ')}`,
    corrupt.length && `damaged: ${corrupt.join(', ')}`,
    unexpected.length && `not in the manifest: ${unexpected.join(', ')}`,
  ].filter(Boolean);
  if (problems.length) {
    const code = missing.length
      ? 'BACKUP_FILE_MISSING'
      : corrupt.length
        ? 'BACKUP_FILE_CORRUPT'
        : 'BACKUP_UNEXPECTED_FILE';
    throw new BackupError(
      code,
      `${dir} is not the backup its manifest describes: ${problems.join('; ')}; nothing was restored`,
    );
  }
  if (manifest.dump.file !== null && !listed.has(manifest.dump.file)) {
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${manifestFile}: the dump ${manifest.dump.file} is not among its files`,
    );
  }
  return manifest;
}
