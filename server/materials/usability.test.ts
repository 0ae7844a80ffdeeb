import { describe, expect, test } from 'vitest';
import { materialRefusal } from './usability';

describe('materialRefusal', () => {
  const accepted = { decision: 'ACCEPTED' as const };
  const sample = (sampleNo: string, passed: boolean | null) => ({ sampleNo, result: passed === null ? null : { passed } });

  test('an approved batch with passed samples, or none, may be used', () => {
    expect(materialRefusal({ approval: accepted, samples: [] })).toBeNull();
    expect(materialRefusal({ approval: accepted, samples: [sample('A', true)] })).toBeNull();
  });

  test('not approved, or refused, by the 监理', () => {
    expect(materialRefusal({ approval: null, samples: [sample('A', true)] })).toEqual({ code: 'MATERIAL_NOT_APPROVED', sampleNos: [] });
    expect(materialRefusal({ approval: { decision: 'REJECTED' }, samples: [] })).toMatchObject({ code: 'MATERIAL_NOT_APPROVED' });
  });

  test('a failed sample comes first and is named, before a missing approval or a pending result', () => {
    expect(materialRefusal({ approval: null, samples: [sample('A', null), sample('B', false), sample('C', true)] })).toEqual({ code: 'MATERIAL_SAMPLE_FAILED', sampleNos: ['B'] });
    expect(materialRefusal({ approval: accepted, samples: [sample('A', true), sample('B', null)] })).toEqual({ code: 'MATERIAL_SAMPLE_PENDING', sampleNos: ['B'] });
  });
});
