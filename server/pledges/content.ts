import type { PartyRole } from '@/server/authz/roles';

/**
 * The content a 项目负责人 signs, as canonical JSON (RFC 8785). Field names
 * follow the domain reference (parties-and-pledges.md §3). Stored documents
 * outlive this code: never change what a field of v1 means.
 */

export interface PledgeParty {
  role: PartyRole;
  /** 授权单位（全称） */
  organizationName: string;
  /** 统一社会信用代码 */
  uscc: string;
  /** 法定代表人姓名 */
  legalRepresentativeName: string;
}

export interface PledgeLeader {
  userId: string;
  name: string;
  /** 居民身份证号 (shown in full only in the signed document itself) */
  idNumber: string;
  /** 注册执业资格, e.g. 一级注册建造师 */
  qualificationType: string;
  /** 注册执业证号 */
  qualificationNo: string;
  /** 担任的职务, e.g. 施工单位项目经理 */
  title: string;
}

export interface PledgeWork {
  project: { id: string; code: string; name: string; address: string };
  /** The 单位工程 this document covers; 工程名称 = project name + building name. */
  building: { id: string; code: string; name: string; designWorkingLifeYears: number };
}

/** 法定代表人授权书 (建办质〔2014〕44号 附件1). */
export interface AuthorizationContent extends PledgeWork {
  v: 1;
  kind: 'leader-authorization';
  party: PledgeParty;
  leader: PledgeLeader;
  /** The authorized scope, fixed per role (texts.ts). */
  scopeText: string;
  /** 授权日期, YYYY-MM-DD (Asia/Shanghai) */
  authorizedOn: string;
}

/** 工程质量终身责任承诺书 (建办质〔2014〕44号 附件2). */
export interface PledgeContent extends PledgeWork {
  v: 1;
  kind: 'lifelong-pledge';
  party: PledgeParty;
  leader: PledgeLeader;
  /** The authorization this pledge rests on. */
  authorization: { documentId: string; contentSha256: string };
  /** The commitment, fixed per role (texts.ts). */
  pledgeText: string;
  /** 签字日期, YYYY-MM-DD (Asia/Shanghai) */
  signedOn: string;
}

export type PledgeDocumentContent = AuthorizationContent | PledgeContent;

/** How a signature is shown on a rendered document: who, when, and the hashes that prove it. */
export interface SignatureMark {
  signerName: string;
  /** ISO-8601 time of signing */
  signedAt: string;
  /** Ed25519 key fingerprint (SHA-256 of the SPKI DER, hex) */
  keyFingerprint: string;
  contentSha256: string;
}
