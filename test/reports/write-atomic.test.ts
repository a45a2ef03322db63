/** The final write of every report and of the expected-failures file: what it replaces, and what it will not. */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../reports/_internals/write-atomic.js';
import { scratch } from '../helpers/cli.js';

describe('writeAtomic', () => {
  it('replaces a regular file and leaves no temporary file behind', () => {
    const dir = scratch('atomic');
    writeFileSync(join(dir, 'r.json'), 'old');
    writeAtomic(join(dir, 'r.json'), 'new');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('will not replace what appeared at the path during the run: a link, a pipe, a directory', () => {
    const dir = scratch('atomic-refuse');
    writeFileSync(join(dir, 'precious'), 'keep');
    symlinkSync('precious', join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    mkdirSync(join(dir, 'dir'));
    expect(() => writeAtomic(join(dir, 'link'), 'x')).toThrow(
      `${join(dir, 'link')} is a symbolic link (to precious), expected a regular file or nothing there: not written`,
    );
    expect(() => writeAtomic(join(dir, 'pipe'), 'x')).toThrow('is a named pipe (FIFO), expected a regular file or nothing there');
    expect(() => writeAtomic(join(dir, 'dir'), 'x')).toThrow('is a directory, expected a regular file or nothing there');
    expect(readlinkSync(join(dir, 'link'))).toBe('precious');
    expect(readFileSync(join(dir, 'precious'), 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['dir', 'link', 'pipe', 'precious']);
  });

  it('throughLinks: writes the file a chain of links ends at, and keeps the links', () => {
    const dir = scratch('atomic-links');
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'real.yaml'), 'old');
    symlinkSync(join('shared', 'real.yaml'), join(dir, 'one.yaml'));
    symlinkSync('one.yaml', join(dir, 'two.yaml'));
    symlinkSync(join('shared', 'later.yaml'), join(dir, 'dangling.yaml'));
    writeAtomic(join(dir, 'two.yaml'), 'new', { throughLinks: true });
    writeAtomic(join(dir, 'dangling.yaml'), 'created', { throughLinks: true });
    expect(readFileSync(join(dir, 'shared', 'real.yaml'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'shared', 'later.yaml'), 'utf8')).toBe('created');
    for (const l of ['one.yaml', 'two.yaml', 'dangling.yaml']) expect(lstatSync(join(dir, l)).isSymbolicLink(), l).toBe(true);
  });

  it('throughLinks still will not replace a device or a pipe a link points to', () => {
    const dir = scratch('atomic-link-pipe');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync('pipe', join(dir, 'expected.yaml'));
    expect(() => writeAtomic(join(dir, 'expected.yaml'), 'x', { throughLinks: true })).toThrow(
      `${join(dir, 'pipe')} is a named pipe (FIFO)`,
    );
  });
});
