import { z } from 'zod';
import { type Template, unwrap } from '../templates/define';
import { RiskCategory } from '../templates/suggestion';

/** A risk signal as the model writes it. */
export const ModelRisk = z.object({
  category: RiskCategory,
  confidence: z.number(),
  evidence: z.array(z.string()),
  rationale: z.string(),
});

/**
 * The structured output asked of the model: every requested field with its value (null when the ticket
 * does not say), the quotes that support it and a confidence, plus risk signals. Built from the
 * template's own zod schema so a value of the wrong type fails validation (bad_output).
 */
export function answerSchema(template: Template, fields: readonly string[]): z.ZodType<ModelAnswer> {
  const shape = template.schema.shape as Record<string, z.ZodType>;
  const fieldShape: Record<string, z.ZodType> = {};
  for (const name of fields) {
    const own = shape[name];
    if (!own) continue;
    fieldShape[name] = z.object({
      value: unwrap(own).nullable(),
      evidence: z.array(z.string()),
      confidence: z.number(),
    });
  }
  const schema = z.object({
    fields: z.object(fieldShape),
    // Always present (empty when the template does not ask) so the shape is the same for every template.
    risks: z.array(ModelRisk),
  });
  // The field shape is only known at run time; this is the type it validates to.
  return schema as unknown as z.ZodType<ModelAnswer>;
}

export type ModelAnswer = {
  fields: Record<string, { value: unknown; evidence: string[]; confidence: number }>;
  risks: z.infer<typeof ModelRisk>[];
};

/** The name the response format is sent under (letters, digits, _ and - only). */
export function answerSchemaName(template: Template): string {
  return `deskmate_${template.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`.slice(0, 64);
}
