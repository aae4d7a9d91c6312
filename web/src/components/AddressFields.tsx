// A postal address in a form: two lines, then city, state and ZIP code. The form's values
// hold it under `address` (lib/forms AddressValues; rules: addressRules).
import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function AddressFields({ form }: { form: UseFormReturnType<any> }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Address line 1" {...form.getInputProps('address.line1')} />
        <TextInput label="Address line 2" {...form.getInputProps('address.line2')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="City" {...form.getInputProps('address.city')} />
        <TextInput label="State" maxLength={2} {...form.getInputProps('address.state')} />
        <TextInput label="ZIP code" inputMode="numeric" maxLength={10} {...form.getInputProps('address.postal_code')} />
      </SimpleGrid>
    </>
  );
}
