import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './mask';

describe('maskIdNumber', () => {
  it('keeps the first and last four characters of an 18-character 身份证号', () => {
    expect(maskIdNumber('350104198001010018')).toBe('3501**********0018');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a 15-digit (first-generation) number the same way', () => {
    expect(maskIdNumber('350104800101001')).toBe('3501*******1001');
  });

  it('hides a value too short to keep both ends', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });

  it('never returns the birth date part', () => {
    expect(maskIdNumber('350104198001010018')).not.toContain('19800101');
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('ignores spaces and hyphens', () => {
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
    expect(maskPhone('138-0013-8000')).toBe('138****8000');
  });

  it('hides a value too short to keep both ends', () => {
    expect(maskPhone('1234567')).toBe('*******');
  });
});
