import { z } from 'zod';
import { ORGANIZATION_KINDS, REGISTRATION_ROLES, ZOrganisationNumber } from '@iris/identity';

export const ZRegisterInput = z
  .object({
    // Deliberately loose: the identity provider judges the address (Clerk's refusal comes back as 422
    // IDENTITY_PROVIDER_REJECTED with its reason), so both modes answer alike.
    email: z.string().trim().min(1).max(320).meta({ example: 'anna@bistro-nord.example' }),
    password: z.string().min(1).max(1024).meta({
      description:
        "Sent to Clerk (or checked for strength in local mode) and never stored, logged or echoed by Iris. Clerk's rules apply: at least 8 characters, not found in known data breaches.",
      format: 'password',
    }),
    role: z
      .enum(REGISTRATION_ROLES)
      .meta({ description: 'What the account is for; admins are not registered' }),
    organization: z
      .object({
        name: z.string().trim().min(1).max(200).meta({ example: 'Bistro Nord' }),
        organisationNumber: ZOrganisationNumber,
      })
      .optional()
      .meta({ description: 'Creates the restaurant or supplier (by role) with the new user as its owner' }),
  })
  .meta({ id: 'RegisterInput' });
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZRegisteredUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(REGISTRATION_ROLES),
    createdAt: z.iso.datetime(),
    organization: z
      .object({
        id: z.uuid(),
        kind: z.enum(ORGANIZATION_KINDS),
        name: z.string(),
        organisationNumber: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'RegisteredUser' });
export type TRegisteredUser = z.infer<typeof ZRegisteredUser>;
