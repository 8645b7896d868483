import { DOCUMENT, Injectable, inject } from '@angular/core';
import { AuthService } from '../../auth/auth-service';
import { quarantineCsvUrl, type QuarantineChoice } from './run-details';

/**
 * Downloads the quarantined rows of a dataset version as CSV. The endpoint needs the bearer token, which a plain
 * link cannot send: the file is fetched, then saved through an object URL.
 */
@Injectable({ providedIn: 'root' })
export class QuarantineDownload {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  /** Resolves once the browser was handed the file; rejects when the API refused (a rejected token also ends the session). */
  async download(datasetVersion: string, choice: QuarantineChoice): Promise<void> {
    const token = this.auth.token();
    if (!token) throw new Error('Not signed in');
    const response = await fetch(quarantineCsvUrl(datasetVersion, choice), { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) this.auth.expire(token);
    if (!response.ok) throw new Error(`The download failed (HTTP ${response.status})`);
    const url = URL.createObjectURL(await response.blob());
    try {
      const link = this.document.createElement('a');
      link.href = url;
      link.download = `quarantine-${datasetVersion}.csv`;
      link.click();
    } finally {
      // After the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url));
    }
  }
}
