import { z } from 'zod';
import { defineTemplate } from '../define';

/** A bug report an engineer can reproduce. */
export default defineTemplate({
  id: 'bug-report',
  version: 1,
  name: 'Bug report',
  description: 'Steps to reproduce, expected and actual behaviour, environment and severity.',
  keywords: [
    'crash',
    'crashes',
    'error',
    'bug',
    'freezes',
    'broken',
    'not working',
    'version',
    'steps',
    'fehler',
    'erreur',
  ],
  schema: z.object({
    steps: z.string(),
    expected: z.string(),
    actual: z.string(),
    environment: z.string(),
    severity: z.enum(['critical', 'major', 'minor', 'trivial']),
  }),
  fields: {
    steps: {
      label: 'Steps to reproduce',
      description: 'What the customer did, in order.',
      required: true,
      kind: 'long-text',
      local: 'labeled',
      labels: ['Steps to reproduce', 'Steps'],
      question: 'Could you list the exact steps that lead to the problem?',
    },
    expected: {
      label: 'Expected',
      description: 'What the customer expected to happen.',
      required: true,
      kind: 'text',
      local: 'labeled',
      labels: ['Expected result', 'Expected behaviour', 'Expected behavior', 'Expected'],
      question: 'What did you expect to happen?',
    },
    actual: {
      label: 'Actual',
      description: 'What happened instead.',
      required: true,
      kind: 'text',
      local: 'labeled',
      labels: ['Actual result', 'Actual behaviour', 'Actual behavior', 'Actual'],
      question: 'What happened instead?',
    },
    environment: {
      label: 'Environment',
      description: 'App version, operating system, browser, device.',
      required: true,
      kind: 'text',
      local: 'environment',
      labels: ['Environment', 'OS', 'Browser', 'Version'],
      question: 'Which app version, operating system and browser are you using?',
    },
    severity: {
      label: 'Severity',
      description:
        'critical: data loss or many users blocked; major: a feature unusable; minor: workaround exists; trivial: cosmetic.',
      required: true,
      kind: 'enum',
      feedsEscalation: true,
      bind: ['severity', 'schweregrad', 'gravedad', 'sévérité', 'impact'],
    },
  },
});
