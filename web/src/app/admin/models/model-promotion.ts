import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { PromoteModelGQL, type ModelVersionSummaryFragment } from '../../graphql/generated';
import { confirm } from '../confirm-dialog';

type Version = Pick<ModelVersionSummaryFragment, 'version' | 'status' | 'active' | 'createdAt' | 'rejectionReason'>;

/**
 * What the version's action button says: "Promote" (newer than the active model, or none is
 * active), "Roll back" (older), or null when it cannot serve (TRAINING, FAILED) or already does.
 */
export function promoteAction(version: Version, active: Pick<Version, 'version' | 'createdAt'> | null): 'Promote' | 'Roll back' | null {
  if (version.active || (version.status !== 'READY' && version.status !== 'REJECTED')) return null;
  if (active && active.version !== version.version && Date.parse(version.createdAt) < Date.parse(active.createdAt)) return 'Roll back';
  return 'Promote';
}

/** Promotion (or rollback) of a model version after a confirmation. */
@Injectable({ providedIn: 'root' })
export class ModelPromotion {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly promoteModel = inject(PromoteModelGQL);

  /** Asks, then promotes; false when the admin changed their mind. Rejects when the API refuses. */
  async promote(version: Version, active: Pick<Version, 'version' | 'createdAt'> | null): Promise<boolean> {
    const action = promoteAction(version, active) ?? 'Promote';
    const replaces = active ? `It replaces ${active.version}` : 'It becomes the first active model';
    const rejected =
      version.status === 'REJECTED'
        ? ` It was rejected after training${version.rejectionReason ? ` (${version.rejectionReason})` : ''}.`
        : '';
    const confirmed = await confirm(this.dialog, {
      title: action === 'Roll back' ? `Roll back to ${version.version}?` : `Promote ${version.version}?`,
      message: `${replaces} for everyone's recommendations and similar movies, at once.${rejected} You can switch back at any time.`,
      confirm: action,
    });
    if (!confirmed) return false;
    await firstValueFrom(this.promoteModel.mutate({ variables: { version: version.version } }));
    this.snackBar.open(`${version.version} is now the active model.`, 'OK', { duration: 5000 });
    return true;
  }
}
