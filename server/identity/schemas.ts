import { z } from 'zod';
import { idNumberProblem } from './id-number';

const ID_NUMBER_MESSAGE = {
  format: 'validation.idNumberFormat',
  birthDate: 'validation.idNumberBirthDate',
  checksum: 'validation.idNumberChecksum',
} as const;

/** 居民身份证号: 18 characters, a real birth date, a correct check character. Lower-case x is accepted as X. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGE[problem] });
  });

/** 注册执业资格 and its 证号, as written on the certificate. */
export const qualificationType = z.string().trim().min(2, { error: 'validation.required' }).max(50, { error: 'validation.tooLong' });
export const qualificationNo = z.string().trim().min(4, { error: 'validation.qualificationNo' }).max(40, { error: 'validation.tooLong' });
