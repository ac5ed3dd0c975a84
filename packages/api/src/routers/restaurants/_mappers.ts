import type { DeliveryAddressRecord, OrganizationSummaryRecord, Restaurant } from '@iris/identity';
import type { TDeliveryAddress, TRestaurant, TRestaurantSummary } from './_schemas.ts';

export function toDeliveryAddressJson(address: DeliveryAddressRecord): TDeliveryAddress {
  return {
    ...address,
    createdAt: address.createdAt.toISOString(),
    updatedAt: address.updatedAt.toISOString(),
  };
}

export function toRestaurantJson(restaurant: Restaurant): TRestaurant {
  return {
    id: restaurant.id,
    name: restaurant.name,
    organisationNumber: restaurant.organisationNumber,
    contactName: restaurant.contactName,
    contactEmail: restaurant.contactEmail,
    contactPhone: restaurant.contactPhone,
    deliveryPreferences: restaurant.deliveryPreferences,
    addresses: restaurant.addresses.map(toDeliveryAddressJson),
    createdAt: restaurant.createdAt.toISOString(),
    updatedAt: restaurant.updatedAt.toISOString(),
  };
}

export function toRestaurantSummaryJson(summary: OrganizationSummaryRecord): TRestaurantSummary {
  return {
    id: summary.id,
    name: summary.name,
    organisationNumber: summary.organisationNumber,
    createdAt: summary.createdAt.toISOString(),
  };
}
