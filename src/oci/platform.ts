import type { Descriptor, Platform } from './types.js';

const ARCH_ALIASES: Record<string, string> = { aarch64: 'arm64', x86_64: 'amd64', 'x86-64': 'amd64', i386: '386', i686: '386', armhf: 'arm', armel: 'arm' };

/** Normalizes the way registries spell platforms: aarch64 -> arm64, arm64/v8 -> arm64, arm -> arm/v7. */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase();
  let architecture = p.architecture.toLowerCase();
  // Own keys only: "constructor" or "__proto__" must not pick up Object.prototype's members.
  if (Object.hasOwn(ARCH_ALIASES, architecture)) architecture = ARCH_ALIASES[architecture] as string;
  let variant = p.variant?.toLowerCase();
  if (architecture === 'arm64' && (variant === 'v8' || variant === '')) variant = undefined;
  if (architecture === 'arm' && (variant === undefined || variant === '')) variant = 'v7';
  if (variant === '') variant = undefined;
  const out: Platform = { os, architecture };
  if (variant !== undefined) out.variant = variant;
  if (p['os.version'] !== undefined) out['os.version'] = p['os.version'];
  return out;
}

/** Parses `os/arch[/variant]` or a bare architecture (`amd64` means `linux/amd64`). */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length === 1) return normalizePlatform({ os: 'linux', architecture: parts[0] ?? '' });
  const [os = '', architecture = '', variant] = parts;
  return normalizePlatform(variant === undefined ? { os, architecture } : { os, architecture, variant });
}

export function formatPlatform(p: Platform | undefined): string {
  if (p === undefined) return 'unknown';
  return [p.os, p.architecture, p.variant].filter((s) => s !== undefined && s !== '').join('/');
}

/** Attestation manifests and similar entries carry unknown/unknown. */
export function isUnknownPlatform(p: Platform | undefined): boolean {
  return p === undefined || (p.os === 'unknown' && p.architecture === 'unknown');
}

/**
 * os and architecture must match exactly (after normalization); the variant is compared only when
 * the wanted platform names one.
 */
export function platformMatches(have: Platform | undefined, want: Platform): boolean {
  if (have === undefined) return false;
  const a = normalizePlatform(have);
  const b = normalizePlatform(want);
  // After normalization, so that "Unknown"/"UNKNOWN" entries are attestations too, whichever side they are on.
  if (isUnknownPlatform(a) || isUnknownPlatform(b)) return false;
  if (a.os !== b.os || a.architecture !== b.architecture) return false;
  if (want.variant !== undefined && want.variant !== '' && a.variant !== b.variant) return false;
  return true;
}

/**
 * Picks the entry of an index for a platform: the first exact match; when the wanted platform has no
 * variant and several variants exist, the highest variant is preferred (arm/v7 over arm/v6).
 */
export function selectPlatform(entries: readonly Descriptor[], want: Platform): Descriptor | undefined {
  const matches = entries.filter((d) => platformMatches(d.platform, want));
  if (matches.length <= 1) return matches[0];
  const wantVariant = normalizePlatform(want).variant;
  const exact = matches.find((d) => normalizePlatform(d.platform as Platform).variant === wantVariant);
  if (exact !== undefined) return exact;
  return [...matches].sort((x, y) => (normalizePlatform(y.platform as Platform).variant ?? '').localeCompare(normalizePlatform(x.platform as Platform).variant ?? ''))[0];
}
