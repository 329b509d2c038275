export const BUNDLED_PACKAGES_FILE: string;
export const NOTICES_FILE: string;
export function bundledPackages(inputs: readonly string[]): string[];
export function thirdPartyNotices(root: string): string;
