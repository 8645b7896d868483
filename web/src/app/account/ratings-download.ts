import { DOCUMENT, Injectable, inject } from '@angular/core';
import { AuthService } from '../auth/auth-service';

/** The API's CSV export of the signed-in user's ratings (api/src/account/ratings-export.controller.ts). */
export const RATINGS_CSV_URL = '/api/me/ratings.csv';
export const RATINGS_CSV_FILE = 'reelrank-ratings.csv';

/**
 * Downloads the signed-in user's ratings as a CSV file. The endpoint needs the bearer token, which a plain
 * link cannot send: the file is fetched, then saved through an object URL.
 */
@Injectable({ providedIn: 'root' })
export class RatingsDownload {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  /** Resolves once the browser was handed the file; rejects when the API refused (a rejected token also ends the session). */
  async download(): Promise<void> {
    const token = this.auth.token();
    if (!token) throw new Error('Not signed in');
    const response = await fetch(RATINGS_CSV_URL, { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) this.auth.expire(token);
    if (!response.ok) throw new Error(`The export failed (HTTP ${response.status})`);
    const url = URL.createObjectURL(await response.blob());
    try {
      const link = this.document.createElement('a');
      link.href = url;
      link.download = RATINGS_CSV_FILE;
      link.click();
    } finally {
      // After the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url));
    }
  }
}
