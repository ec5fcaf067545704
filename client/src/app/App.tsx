import { useState } from 'react';
import { EnrolScreen } from '../screens/EnrolScreen.tsx';
import { SignInPage } from '../account/SignInPage.tsx';
import { ClientHost } from './ClientHost.tsx';
import { clearSession, loadSession, type DeviceSession } from './device-session.ts';
import { navigate, usePath } from './router.ts';

/** Enrolment first; once the tablet holds a device token, the app with its local database. */
export function App() {
  const path = usePath();
  const [session, setSession] = useState<DeviceSession | null>(loadSession);

  // Manager sign-in (issue 7): a desktop browser that is no tablet signs in here to open /manage.
  if (path === '/signin' || (!session && path.startsWith('/manage'))) return <SignInPage />;
  if (path === '/enrol' || !session) {
    return (
      <EnrolScreen
        current={session}
        onEnrolled={(s) => {
          setSession(s);
          navigate('/', { replace: true });
        }}
      />
    );
  }
  return (
    <ClientHost
      key={`${session.tenant.slug}|${session.token}`}
      session={session}
      signOut={() => {
        clearSession();
        setSession(null);
      }}
    />
  );
}
