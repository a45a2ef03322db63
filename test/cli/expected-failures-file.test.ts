/** --update-expected-failures edits the file the user keeps: comments, layout and links stay. */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../adapters/errors.js';
import { readExpectedFailures, writeExpectedFailures } from '../../cli/expected-failures-file.js';
import { editExpectedFailuresYaml } from '../../cli/expected-failures-yaml.js';
import { FAULTS, runCli, scratch } from '../helpers/cli.js';

const COMMENTED = `# Known failures of our codecs; reviewed every release.

my-codec:
  # call-ids with spaces: upstream issue 42
  - check: reject.encode.call-id
    note: trimming bug, fixed in 2.0 # the fix is on main
  # the from attribute: this one is fixed now
  - reject.encode.from
  - 'reject.roundtrip' # quoted on purpose

# a codec we only watch
other-codec:
  - reject.decode.plain
`;

/** Writes `text` to a new file `name`, runs the writer on it with `expected`, and returns what it wrote. */
function update(name: string, text: string, expected: Parameters<typeof writeExpectedFailures>[1]): string {
  const file = join(scratch('xf-file'), name);
  writeFileSync(file, text);
  writeExpectedFailures(file, expected);
  return readFileSync(file, 'utf8');
}

describe('writing a YAML expected-failures file', () => {
  it('keeps comments, notes, quoting and blank lines; an entry that went leaves with its comment; a new one comes last', () => {
    const written = update('expected.yaml', COMMENTED, {
      'my-codec': [
        { check: 'reject.encode.call-id', note: 'trimming bug, fixed in 2.0' },
        { check: 'reject.roundtrip' },
        { check: 'reject.encode.escaping' },
      ],
      'other-codec': [{ check: 'reject.decode.plain' }],
    });
    expect(written).toBe(`# Known failures of our codecs; reviewed every release.

my-codec:
  # call-ids with spaces: upstream issue 42
  - check: reject.encode.call-id
    note: trimming bug, fixed in 2.0 # the fix is on main
  - 'reject.roundtrip' # quoted on purpose
  - reject.encode.escaping

# a codec we only watch
other-codec:
  - reject.decode.plain
`);
  });

  it('the comment above the first entry goes when that entry goes; a new adapter is appended', () => {
    const written = update('expected.yaml', COMMENTED, {
      'my-codec': [{ check: 'reject.encode.from' }],
      'other-codec': [{ check: 'reject.decode.plain' }],
      reference: [],
    });
    expect(written).toBe(`# Known failures of our codecs; reviewed every release.

my-codec:
  # the from attribute: this one is fixed now
  - reject.encode.from

# a codec we only watch
other-codec:
  - reject.decode.plain
reference: []
`);
  });

  it("keeps lists at the key's indentation when the file writes them so, and long notes on one line", () => {
    const note = 'a note far longer than eighty characters, which a YAML printer would otherwise fold over several lines';
    const text = `my-codec:\n- check: reject.encode.call-id\n  note: ${note}\n- reject.encode.from\n`;
    expect(update('x.yml', text, { 'my-codec': [{ check: 'reject.encode.call-id', note }, { check: 'reject.roundtrip' }] })).toBe(
      `my-codec:\n- check: reject.encode.call-id\n  note: ${note}\n- reject.roundtrip\n`,
    );
  });

  it('lists exactly what it is given: an adapter not given goes, a repeated entry is written once, an empty key gets its list', () => {
    expect(
      editExpectedFailuresYaml('gone:\n  - reject.roundtrip\n# b stays\nb:\n  - reject.roundtrip\n  - reject.roundtrip # twice\nempty:\n', {
        b: [{ check: 'reject.roundtrip' }],
        empty: [{ check: 'reject.encode.from' }],
      }),
    ).toBe('# b stays\nb:\n  - reject.roundtrip\nempty:\n  - reject.encode.from\n');
  });

  it('a new or empty file starts with a comment saying what it is', () => {
    expect(update('x.yaml', '', { a: [{ check: 'reject.roundtrip' }] })).toMatch(
      /^# Checks expected to fail, per adapter name .*\n# A listed check .*\n\na:\n {2}- reject\.roundtrip\n$/,
    );
  });
});

describe('a symbolic link to the file', () => {
  it.each(['expected.yaml', 'expected.json'])('%s: the file it points to is written, and the link stays a link', (name) => {
    const dir = scratch('xf-link');
    mkdirSync(join(dir, 'shared'));
    const real = join(dir, 'shared', name);
    writeFileSync(real, name.endsWith('.json') ? '{"a": ["reject.encode.from"]}\n' : '# shared across repos\na:\n  - reject.encode.from\n');
    symlinkSync(join('shared', name), join(dir, name));
    writeExpectedFailures(join(dir, name), { a: [{ check: 'reject.roundtrip' }] });
    expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, name))).toBe(join('shared', name));
    expect(readFileSync(real, 'utf8')).toBe(
      name.endsWith('.json') ? '{\n  "a": [\n    "reject.roundtrip"\n  ]\n}\n' : '# shared across repos\na:\n  - reject.roundtrip\n',
    );
  });

  it('a link to something that is not a file is refused: exit 2, nothing written', () => {
    const dir = scratch('xf-link-dir');
    mkdirSync(join(dir, 'a-directory'));
    symlinkSync('a-directory', join(dir, 'expected.yaml'));
    expect(() => writeExpectedFailures(join(dir, 'expected.yaml'), { a: [] })).toThrow(
      `--expected-failures ${join(dir, 'expected.yaml')}: ${join(dir, 'a-directory')} is a directory; expected a regular file of expected failures`,
    );
  });
});

describe('reading it', () => {
  it('a named pipe is refused rather than read (which would wait for a writer)', () => {
    const file = join(scratch('xf-fifo'), 'expected.yaml');
    execFileSync('mkfifo', [file]);
    expect(() => readExpectedFailures(file, [])).toThrow(
      `--expected-failures ${file}: it is a named pipe (FIFO); expected a regular file of expected failures`,
    );
  });
});

describe('through the command', () => {
  it('--update-expected-failures on a commented, linked file keeps both', async () => {
    const dir = scratch('xf-cli');
    writeFileSync(join(dir, 'real.yaml'), '# ours\nencode-trims-call-id:\n  # stale: passes now\n  - reject.encode.from\n');
    symlinkSync('real.yaml', join(dir, 'expected.yaml'));
    const r = await runCli([
      '--adapter',
      join(FAULTS, 'encode-trims-call-id.ts'),
      '--check',
      'reject.encode.call-id,reject.encode.from',
      '--runs',
      '20',
      '--expected-failures',
      join(dir, 'expected.yaml'),
      '--update-expected-failures',
    ]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'expected.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('# ours\nencode-trims-call-id:\n  - reject.encode.call-id\n');
  });
});

describe('what a failure is called (the exit code is 2 for both)', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof ConformanceError ? e.code : `not a ConformanceError: ${String(e)}`;
    }
    return 'no error';
  };

  it('a file that cannot be written, the path being a fine one, is an io_error', () => {
    const dir = scratch('xf-io');
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    expect(code(() => writeExpectedFailures(join(dir, 'blocker', 'expected.yaml'), { a: [] }))).toBe('io_error');
  });

  it('a file whose content is wrong, or a path to no file, is a bad_option', () => {
    const dir = scratch('xf-bad');
    writeFileSync(join(dir, 'expected.yaml'), 'a: [unclosed\n');
    expect(code(() => readExpectedFailures(join(dir, 'expected.yaml'), ['reject.roundtrip']))).toBe('bad_option');
    expect(code(() => readExpectedFailures(join(dir, 'none.yaml'), ['reject.roundtrip']))).toBe('bad_option');
  });
});
