import { z } from 'zod';

/** Sync rule ids of PRODUCT.md section 2; tests and the product's own messages refer to them. */
export const ruleIds = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R7a',
  'R8',
  'R9',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
  'R18',
] as const;
export const ruleIdSchema = z.enum(ruleIds);
export type RuleId = z.infer<typeof ruleIdSchema>;

/** One line per rule, shown next to outcomes in the CLI and the extension. */
export const ruleTitles: Record<RuleId, string> = {
  R1: 'required fields',
  R2: 'valid email',
  R3: 'duplicate employee number',
  R4: 'duplicate reference',
  R5: 'link',
  R6: 'near miss',
  R7: 'personal details',
  R7a: 'email taken',
  R8: 'bank details',
  R9: 'department',
  R10: 'create',
  R11: 'create blocked',
  R12: 'leaver',
  R13: 'leaver unknown',
  R14: 'reinstate',
  R15: 'one way',
  R16: 'overwrite',
  R17: 'leaver guard',
  R18: 'empty source guard',
};
