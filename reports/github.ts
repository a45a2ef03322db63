import * as core from '@actions/core';
import type { CheckResult, RunResult, SessionResult } from '../runner/index.js';
import { markdownReport } from './markdown.js';
import { visible } from './_internals/visible.js';
import type { Reporter } from './reporter.js';

/** The annotations GitHub shows of each kind per step; past them, it drops the rest. */
export const ANNOTATIONS_PER_KIND = 10;

/** The most the job summary this reporter appends may hold: well under GitHub's 1 MiB per step. */
export const SUMMARY_MAX_BYTES = 512 * 1024;

/** One annotation: `error` for what fails the gate, `warning` for what a maintainer should see, `notice` for the count of the rest. */
export interface Annotation {
  kind: 'error' | 'warning' | 'notice';
  /** The check id (with the adapter's name when the session ran several). */
  title: string;
  /** One line: the verdict, then the command that reproduces it. */
  message: string;
}

/** One line, whatever a codec put in it: every line break and control escaped, so no text can start a workflow command. */
const line = (text: string) => visible(text);

function checkTitle(r: RunResult, x: CheckResult, several: boolean): string {
  return several ? `${x.id} (${r.adapter.name})` : x.id;
}

function failureMessage(x: CheckResult): string {
  const f = x.failure;
  const what = f ? f.message : x.title;
  const reproduce = f ? ` · reproduce: ${f.reproduce}` : '';
  return line(`${x.level} · ${what}${reproduce}`);
}

/**
 * The annotations of a session, most useful first: every gating failure and
 * every adapter that could not be run as an error (in suite order), every
 * should-level failure that does not gate, stale expected failure and
 * restart as a warning. At most {@link ANNOTATIONS_PER_KIND} of each kind;
 * past that, one notice says how many more there are and where they all are.
 */
export function annotationsOf(s: SessionResult, { summary }: { summary: boolean }): Annotation[] {
  const several = s.results.length > 1;
  const errors: Annotation[] = [];
  const warnings: Annotation[] = [];
  for (const e of s.errors) {
    errors.push({ kind: 'error', title: line(`adapter ${e.specifier}`), message: line(`could not be run: ${e.message}`) });
  }
  for (const r of s.results) {
    for (const x of r.checks) {
      const title = line(checkTitle(r, x, several));
      if (x.status === 'failed' && x.gating) errors.push({ kind: 'error', title, message: failureMessage(x) });
      else if (x.status === 'failed') warnings.push({ kind: 'warning', title, message: `not gating: ${failureMessage(x)}` });
      else if (x.status === 'stale-expected-failure')
        warnings.push({
          kind: 'warning',
          title,
          message: line(
            `passes now, but ${x.expected?.file ?? 'the expected-failures file'} lists it as an expected failure: remove the entry (gating)`,
          ),
        });
    }
    for (const x of r.restarts)
      warnings.push({
        kind: 'warning',
        title: line(`restart${several ? ` (${r.adapter.name})` : ''}`),
        message: line(`the adapter was restarted during ${x.check || 'setup'}: it ${x.reason}`),
      });
  }
  if (s.diff && s.exitCode === 1 && s.results.every((r) => r.summary.gatingFailures === 0)) {
    errors.push({
      kind: 'error',
      title: 'diff',
      message: 'the codecs disagree and --diff-gate makes that fail the run; see the Differences section',
    });
  }
  const shown = [...errors.slice(0, ANNOTATIONS_PER_KIND), ...warnings.slice(0, ANNOTATIONS_PER_KIND)];
  const more = [
    [errors.length - ANNOTATIONS_PER_KIND, 'error'],
    [warnings.length - ANNOTATIONS_PER_KIND, 'warning'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} more ${what}${n === 1 ? '' : 's'}`);
  if (more.length > 0) {
    const where = summary ? 'the job summary lists them all' : 'the log above lists them all';
    shown.push({
      kind: 'notice',
      title: 'stanza-conformance',
      message: `${more.join(' and ')} not annotated (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step); ${where}`,
    });
  }
  return shown;
}

/** `text` cut at a line break so that it and the note fit in `max` bytes (UTF-8), with the note saying so; as it is when it fits. */
export function boundedSummary(text: string, max = SUMMARY_MAX_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  const note = `\n\n> **This summary was cut at ${Math.round(max / 1024)} KiB** (GitHub keeps at most 1 MiB per step): the markdown, HTML and JSON reports hold everything.\n`;
  const room = max - Buffer.byteLength(note);
  let cut = Buffer.from(text).subarray(0, room).toString('utf8');
  // a character cut in two decodes as U+FFFD: drop it with the partial line
  const at = cut.lastIndexOf('\n');
  cut = at > 0 ? cut.slice(0, at) : cut.replace(/\uFFFD$/, '');
  return cut + note;
}

/** Where the github reporter sends its annotations and its summary; GitHub's toolkit (@actions/core) by default. */
export interface GithubOutput {
  annotate(a: Annotation): void;
  /** Appends `text` to the job summary, keeping what earlier steps wrote. */
  appendSummary(text: string): Promise<void>;
}

const toolkit: GithubOutput = {
  annotate(a) {
    const props = { title: a.title };
    if (a.kind === 'error') core.error(a.message, props);
    else if (a.kind === 'warning') core.warning(a.message, props);
    else core.notice(a.message, props);
  },
  async appendSummary(text) {
    await core.summary.addRaw(text, true).write();
  },
};

/**
 * The `github` reporter, for GitHub Actions: annotations on the pull request
 * ({@link annotationsOf}) and, when `GITHUB_STEP_SUMMARY` is set, the
 * Markdown report appended to the job summary (never replacing what earlier
 * steps wrote), bounded by {@link SUMMARY_MAX_BYTES}. Both go through
 * GitHub's toolkit, which escapes what it writes; every codec-made text is
 * made one visible line before it gets there.
 */
export function githubReporter({ env = process.env, output = toolkit }: { env?: NodeJS.ProcessEnv; output?: GithubOutput } = {}): Reporter {
  return {
    async onSessionEnd(s) {
      const summary = !!env.GITHUB_STEP_SUMMARY;
      for (const a of annotationsOf(s, { summary })) output.annotate(a);
      if (summary) await output.appendSummary(boundedSummary(markdownReport(s)));
    },
  };
}
