import type { WhyClaim, WhyRelation, WhyStep } from '@warrant/shared';
import { ClaimLink } from './ClaimLink.tsx';

const ROLE: Record<WhyRelation['role'], string> = {
  rebuttal: 'A rebuttal',
  support: 'A support',
  undercut: 'An undercut',
};
const STATUS: Record<WhyRelation['status'], string> = {
  holds: 'holds',
  fails: 'fails',
  undecided: 'is undecided',
};

/** One sentence for why a claim has its label, from what `explain` found decides it. */
export function whySummary(why: WhyClaim): string {
  if (why.label === 'rejected') return 'It is rejected: a rebuttal of it holds.';
  if (why.label === 'accepted') {
    if (!why.because.length) return 'It is accepted: nothing rebuts it.';
    return 'It is accepted: every rebuttal of it fails.';
  }
  return 'It is undecided: some rebuttal of it (or its support) neither holds nor fails.';
}

/**
 * A "Why?" answer as nested lists: each claim a button that goes to it, each reason the
 * sentence "a rebuttal holds / fails", each with what decides it below.
 */
export function WhyTree({ why }: { why: WhyClaim }) {
  return (
    <div className="lens-why">
      <p>{whySummary(why)}</p>
      <Steps steps={why.because} />
    </div>
  );
}

function Steps({ steps }: { steps: WhyStep[] }) {
  if (!steps.length) return null;
  return (
    <ul>
      {steps.map((step) => (
        <li key={'claim' in step ? `c:${step.claim}` : `r:${step.relation}`}>
          {'claim' in step ? <ClaimStep step={step} /> : <RelationStep step={step} />}
        </li>
      ))}
    </ul>
  );
}

function ClaimStep({ step }: { step: WhyClaim }) {
  return (
    <>
      <ClaimLink id={step.claim} label={step.label} />
      {step.seeAbove ? <span className="lens-note"> (see above)</span> : null}
      {step.backing === 'root' ? <span className="lens-note"> — the conclusion itself</span> : null}
      {Array.isArray(step.backing) && step.backing.length ? (
        <span className="lens-note"> — backed by cited evidence</span>
      ) : null}
      <Steps steps={step.because} />
    </>
  );
}

function RelationStep({ step }: { step: WhyRelation }) {
  return (
    <>
      <span className={`lens-reason ${step.status}`}>
        {ROLE[step.role]} {STATUS[step.status]}
        {step.seeAbove ? ' (see above)' : ''}
        {step.because.length ? ', because:' : ''}
      </span>
      <Steps steps={step.because} />
    </>
  );
}
