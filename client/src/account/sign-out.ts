import { clearSession, loadSession } from '../app/device-session.ts';
import { logout } from './account-api.ts';
import { setSignedOut } from './account-store.ts';

/**
 * Ends the cookie session. A manager browser's sync token ends with it on the server, so the
 * browser forgets it too and goes back to the sign-in page; an enrolled tablet stays enrolled.
 */
export async function signOutAccount(csrf: string): Promise<void> {
  try {
    await logout(csrf);
  } finally {
    setSignedOut();
    if (loadSession()?.kind === 'browser') {
      clearSession();
      location.assign('/signin');
    }
  }
}
