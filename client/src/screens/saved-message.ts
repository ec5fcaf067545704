/** What a save tells the operator: it is safe on the tablet, whether or not the network is there. */
export function savedMessage(): string {
  return navigator.onLine ? 'Saved' : 'Saved on this tablet — will sync when back online';
}
