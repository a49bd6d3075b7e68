import type { Group, Phase, SessionView } from '@plenum/shared/session-doc';

// Which screen a participant sees follows from the session document alone:
// the moderator's current phase, its kind, and the group this browser chose.

export function currentPhase(session: SessionView): Phase | null {
  const id = session.meta.currentPhaseId;
  return id === null ? null : (session.phases.find((p) => p.id === id) ?? null);
}

export interface GroupResolution {
  group: Group | null;
  /** The link names this group, so there is nothing to choose. */
  fixedByLink: boolean;
  /** More than one group and none fixed: the person may (re)choose. */
  choosable: boolean;
}

/**
 * The group to show: the link's group if it belongs to this phase, else the
 * one remembered for this phase, else the only one. A remembered group that
 * is no longer in the phase is ignored, so the person is asked again.
 */
export function resolveGroup(phase: Phase, linkGroupId: string | null, rememberedGroupId: string | undefined): GroupResolution {
  const byId = (id: string | null | undefined) => (id ? (phase.groups.find((g) => g.id === id) ?? null) : null);
  const fromLink = byId(linkGroupId);
  if (fromLink) return { group: fromLink, fixedByLink: true, choosable: false };
  const choosable = phase.groups.length > 1;
  const remembered = byId(rememberedGroupId);
  if (remembered) return { group: remembered, fixedByLink: false, choosable };
  if (phase.groups.length === 1) return { group: phase.groups[0] as Group, fixedByLink: false, choosable: false };
  return { group: null, fixedByLink: false, choosable };
}
