export function CheckInBoardPage() {
  return <div>CheckInBoardPage</div>;
}
