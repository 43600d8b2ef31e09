// An organisation as lists show it (the public directory, the secretariat's queue).
import type { OrganisationsTable } from '../db/schema';

export interface ListedOrganisation {
  id: string;
  name: string;
  acronym: string | null;
  type: string;
  country: string;
  website: string | null;
  description: string;
  ecosocStatus: string;
  topics: string[];
}

type ProfileColumns = Pick<OrganisationsTable, 'id' | 'name' | 'acronym' | 'type' | 'country' | 'website' | 'description' | 'ecosoc_status' | 'topics'>;

export function listedOrganisation(row: ProfileColumns): ListedOrganisation {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    type: row.type,
    country: row.country,
    website: row.website,
    description: row.description,
    ecosocStatus: row.ecosoc_status,
    topics: JSON.parse(row.topics) as string[],
  };
}
