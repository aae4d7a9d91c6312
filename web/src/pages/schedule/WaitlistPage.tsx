export function WaitlistPage() {
  return <div>WaitlistPage</div>;
}
