/** Why a sign-in failed, as the form shows it (signin.errors.<code>). */
export const SIGN_IN_ERRORS = ['invalid_credentials', 'rate_limited', 'invalid_input', 'unknown'] as const;
export type SignInErrorCode = (typeof SIGN_IN_ERRORS)[number];
