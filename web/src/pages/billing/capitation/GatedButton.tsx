// A button for what only some roles may do: for the others it stays in its place, greyed,
// reachable by keyboard, and says why it does nothing (on hover and focus, and to screen
// readers as its description).
import { useId, type ReactNode } from 'react';
import { Button, Tooltip, type ButtonProps } from '@mantine/core';

export function GatedButton({
  allowed,
  reason,
  onClick,
  children,
  ...button
}: {
  allowed: boolean;
  /** Why it is not allowed: "Your role cannot post payments". */
  reason: string;
  onClick: () => void;
  children: ReactNode;
} & Omit<ButtonProps, 'disabled'>) {
  const id = useId();
  if (allowed)
    return (
      <Button onClick={onClick} {...button}>
        {children}
      </Button>
    );
  return (
    <>
      <Tooltip label={reason} withArrow multiline maw={260}>
        <Button {...button} data-disabled aria-disabled="true" aria-describedby={id} onClick={(e) => e.preventDefault()}>
          {children}
        </Button>
      </Tooltip>
      <span id={id} className="visually-hidden">
        {reason}
      </span>
    </>
  );
}
