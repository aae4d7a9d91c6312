export function ScheduleSetupPage() {
  return <div>ScheduleSetupPage</div>;
}
