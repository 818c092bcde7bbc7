import { EscalationRule, type EscalationRuleInput } from './rules';

/**
 * Rules Deskmate ships with. Keywords cover English, Spanish, German and French; they are folded
 * (case, accents), matched as whole words, and `*` marks a stem. A user or policy rule with the same
 * id replaces a default one (`enabled: false` turns it off).
 */
const input: EscalationRuleInput[] = [
  {
    id: 'legal-threat',
    category: 'legal',
    severity: 'critical',
    reason: 'The customer mentions legal action, a lawyer or a data protection authority.',
    routing: { queue: 'Legal', assignee: 'Legal team', priority: 'urgent' },
    any: [
      {
        kind: 'text',
        keywords: [
          // en
          'lawyer*',
          'attorney*',
          'solicitor*',
          'lawsuit*',
          'sue',
          'sued',
          'suing',
          'legal action',
          'legal proceedings',
          'take legal steps',
          'court',
          'small claims',
          'class action',
          'gdpr complaint',
          'data protection authority',
          'data protection regulator',
          'ombudsman',
          // es
          'abogad*',
          'demandar*',
          'demanda judicial',
          'acciones legales',
          'accion legal',
          'tribunal*',
          'juzgado*',
          'denunciar*',
          'agencia de proteccion de datos',
          'aepd',
          // de
          'anwalt*',
          'anwaltin*',
          'anwalte*',
          'rechtsanwalt*',
          'rechtliche schritte',
          'verklagen',
          'klage einreichen',
          'vor gericht',
          'gerichtlich*',
          'gerichtsverfahren',
          'datenschutzbehorde*',
          'datenschutzbeschwerde*',
          'abmahnung*',
          // fr
          'avocat*',
          'poursuites judiciaires',
          'poursuivre en justice',
          'action en justice',
          'mise en demeure',
          'cnil',
          'porter plainte',
          'deposer plainte',
        ],
      },
    ],
  },
  {
    id: 'security-incident',
    category: 'security',
    severity: 'critical',
    reason: 'Possible security incident: account takeover, unauthorized access or a data breach.',
    routing: { queue: 'Security', assignee: 'Security on-call', priority: 'urgent' },
    any: [
      {
        kind: 'text',
        keywords: [
          // en
          'account takeover',
          'hacked',
          'hacker*',
          'data breach',
          'security breach',
          'unauthorized access',
          'unauthorised access',
          'unauthorized login*',
          'someone logged into my account',
          'someone else logged in',
          'phishing',
          'compromised',
          'leaked',
          'stolen password*',
          'password was changed',
          // es
          'hackead*',
          'pirateada',
          'acceso no autorizado',
          'filtracion de datos',
          'brecha de seguridad',
          'robaron mi cuenta',
          // de
          'gehackt',
          'unbefugter zugriff',
          'unbefugten zugriff',
          'datenleck*',
          'datenpanne*',
          'konto wurde ubernommen',
          // fr
          'compte pirate',
          'ete pirate*',
          'piratee',
          'acces non autorise',
          'fuite de donnees',
          'violation de donnees',
          'hameconnage',
        ],
      },
    ],
  },
  {
    id: 'safety-hazard',
    category: 'safety',
    severity: 'critical',
    reason: 'Someone may be hurt or in danger (fire, smoke, electric shock, injury).',
    routing: { queue: 'Product safety', assignee: 'Safety officer', priority: 'urgent' },
    any: [
      {
        kind: 'text',
        keywords: [
          // en
          'caught fire',
          'on fire',
          'fire hazard',
          'smoke',
          'smoking',
          'burned',
          'burnt',
          'burns',
          'exploded',
          'explosion',
          'electric shock',
          'electrocuted',
          'injured',
          'injury',
          'hospital',
          'choking',
          'allergic reaction',
          // es
          'incendio',
          'humo',
          'quemadura*',
          'exploto',
          'descarga electrica',
          'herido*',
          'lesion*',
          // de
          'feuer',
          'rauch',
          'verbrannt',
          'verbrennung*',
          'explodiert',
          'stromschlag',
          'verletzt',
          'verletzung*',
          'krankenhaus',
          // fr
          'incendie',
          'fumee',
          'brule*',
          'explose',
          'choc electrique',
          'electrocute*',
          'blesse',
          'blessee',
          'blesses',
          'hopital',
        ],
      },
    ],
  },
  {
    id: 'chargeback-fraud',
    category: 'abuse',
    severity: 'warning',
    reason: 'The customer mentions a chargeback, a disputed or unauthorized charge, or fraud.',
    any: [
      {
        kind: 'text',
        keywords: [
          // en
          'chargeback*',
          'charge back',
          'dispute the charge',
          'disputing the charge',
          'unauthorized charge*',
          'unauthorised charge*',
          'fraud*',
          'scam*',
          'stolen card',
          // es
          'fraude*',
          'estafa*',
          'contracargo*',
          'cargo no autorizado',
          // de
          'betrug*',
          'betrugerisch*',
          'ruckbuchung*',
          'rucklastschrift*',
          // fr
          'arnaque*',
          'escroquerie*',
          'retrofacturation',
          'opposition bancaire',
          'prelevement non autorise',
        ],
      },
    ],
  },
  {
    id: 'unanswered-replies',
    severity: 'warning',
    reason: 'The customer has written at least twice since the last answer from an agent.',
    routing: { priority: 'high' },
    all: [{ kind: 'unanswered', atLeast: 2 }],
  },
  {
    id: 'high-refund',
    severity: 'warning',
    reason: 'A refund over 500 (any currency) needs a second pair of eyes.',
    routing: { assignee: 'Team lead' },
    any: [
      { kind: 'field-over', field: 'refundAmount', over: 500 },
      { kind: 'field-over', field: 'amount', over: 500 },
      {
        kind: 'amount',
        over: 500,
        near: [
          'refund*',
          'reimburs*',
          'money back',
          'reembols*',
          'devolucion',
          'ruckerstattung*',
          'erstattung*',
          'rembours*',
        ],
      },
    ],
  },
  {
    id: 'vip-requester',
    severity: 'info',
    reason: 'The requester is on the VIP list.',
    // Empty by default: each team lists its own key accounts in settings or policy.
    any: [{ kind: 'requester', domains: [], emails: [] }],
  },
  {
    id: 'angry-customer',
    category: 'churn',
    severity: 'info',
    reason: 'The customer sounds upset: answer with care, or hand over to a senior agent.',
    any: [{ kind: 'sentiment' }],
  },
];

/** The default rules, validated at load (a typo here fails the unit tests, not an agent's ticket). */
export const DEFAULT_RULES: readonly EscalationRule[] = input.map((rule) => EscalationRule.parse(rule));

/**
 * The rules in force: defaults, then settings/policy rules. A rule with a default's id replaces it;
 * disabled rules are dropped.
 */
export function effectiveRules(configured: readonly EscalationRule[]): EscalationRule[] {
  const byId = new Map<string, EscalationRule>();
  for (const rule of DEFAULT_RULES) byId.set(rule.id, rule);
  for (const rule of configured) byId.set(rule.id, rule);
  return [...byId.values()].filter((r) => r.enabled);
}
