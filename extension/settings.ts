/** The `packs.*` settings, typed, read fresh on every use (a settings change applies to the next run). */
import * as vscode from 'vscode';

export type ConflictSetting = 'ask' | 'overwrite' | 'skip' | 'merge' | 'fail';

export interface PacksSettings {
  /** $GGEN_HOME; '' = the environment's or ~/.ggen. */
  home: string;
  conflicts: ConflictSetting;
  hooksAllow: 'ask' | 'never';
  preview: boolean;
  fixAllOnSave: boolean;
  severities: Record<string, 'error' | 'warning' | 'info' | 'off'>;
}

export function readSettings(): PacksSettings {
  const c = vscode.workspace.getConfiguration('packs');
  return {
    home: c.get<string>('home', ''),
    conflicts: c.get<ConflictSetting>('conflicts', 'ask'),
    hooksAllow: c.get<'ask' | 'never'>('hooks.allow', 'ask'),
    preview: c.get<boolean>('preview', true),
    fixAllOnSave: c.get<boolean>('lint.fixAllOnSave', false),
    severities: c.get<PacksSettings['severities']>('lint.severities', {}),
  };
}
