import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBarConfig, MatSnackBarRef, TextOnlySnackBar } from '@angular/material/snack-bar';

/**
 * Material's snack bar, loaded when the first message is shown. For components that the first
 * load of a page needs but that only rarely show a message (the rating control of every movie
 * card, which speaks up when a save fails): injecting `MatSnackBar` there would put the snack bar,
 * the CDK overlay and Material's shared code into that first load.
 */
@Injectable({ providedIn: 'root' })
export class LazySnackBar {
  private readonly injector = inject(Injector);

  async open(message: string, action?: string, config?: MatSnackBarConfig): Promise<MatSnackBarRef<TextOnlySnackBar>> {
    const { MatSnackBar } = await import('@angular/material/snack-bar');
    return this.injector.get(MatSnackBar).open(message, action, config);
  }
}
