// An amount of money in a form: dollars with two decimals, right-aligned. The form keeps
// dollars (lib/billing centsToInput / inputToCents convert to and from the API's cents).
import { NumberInput, type NumberInputProps } from '@mantine/core';

export function MoneyInput(props: NumberInputProps) {
  return (
    <NumberInput
      prefix="$"
      decimalScale={2}
      fixedDecimalScale
      thousandSeparator=","
      min={0}
      hideControls
      classNames={{ input: 'num' }}
      {...props}
    />
  );
}
