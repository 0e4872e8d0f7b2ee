// React-admin's own pages for what the console shows only after sign-in, in a chunk of their own (App.tsx).
export { AccessDenied, AuthenticationError, NotFound } from 'react-admin';
