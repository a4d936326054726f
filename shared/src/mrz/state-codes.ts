/**
 * Issuing State / nationality codes as versioned data (ICAO 9303-3 §5; icao-9303.md §9). Change the
 * lists, bump `STATE_CODES_VERSION`; `state-code-table.ts` turns them into the lookup.
 */

/** Version of these lists (date of the last change). */
export const STATE_CODES_VERSION = '2026-11-27';

/** ISO 3166-1 alpha-3 (249 codes). Germany appears as `DEU` here and as `D` in MRZs (special codes). */
export const ISO_3166_ALPHA3: readonly string[] = [
  'ABW', 'AFG', 'AGO', 'AIA', 'ALA', 'ALB', 'AND', 'ARE', 'ARG', 'ARM', 'ASM', 'ATA', 'ATF', 'ATG', 'AUS', 'AUT',
  'AZE', 'BDI', 'BEL', 'BEN', 'BES', 'BFA', 'BGD', 'BGR', 'BHR', 'BHS', 'BIH', 'BLM', 'BLR', 'BLZ', 'BMU', 'BOL',
  'BRA', 'BRB', 'BRN', 'BTN', 'BVT', 'BWA', 'CAF', 'CAN', 'CCK', 'CHE', 'CHL', 'CHN', 'CIV', 'CMR', 'COD', 'COG',
  'COK', 'COL', 'COM', 'CPV', 'CRI', 'CUB', 'CUW', 'CXR', 'CYM', 'CYP', 'CZE', 'DEU', 'DJI', 'DMA', 'DNK', 'DOM',
  'DZA', 'ECU', 'EGY', 'ERI', 'ESH', 'ESP', 'EST', 'ETH', 'FIN', 'FJI', 'FLK', 'FRA', 'FRO', 'FSM', 'GAB', 'GBR',
  'GEO', 'GGY', 'GHA', 'GIB', 'GIN', 'GLP', 'GMB', 'GNB', 'GNQ', 'GRC', 'GRD', 'GRL', 'GTM', 'GUF', 'GUM', 'GUY',
  'HKG', 'HMD', 'HND', 'HRV', 'HTI', 'HUN', 'IDN', 'IMN', 'IND', 'IOT', 'IRL', 'IRN', 'IRQ', 'ISL', 'ISR', 'ITA',
  'JAM', 'JEY', 'JOR', 'JPN', 'KAZ', 'KEN', 'KGZ', 'KHM', 'KIR', 'KNA', 'KOR', 'KWT', 'LAO', 'LBN', 'LBR', 'LBY',
  'LCA', 'LIE', 'LKA', 'LSO', 'LTU', 'LUX', 'LVA', 'MAC', 'MAF', 'MAR', 'MCO', 'MDA', 'MDG', 'MDV', 'MEX', 'MHL',
  'MKD', 'MLI', 'MLT', 'MMR', 'MNE', 'MNG', 'MNP', 'MOZ', 'MRT', 'MSR', 'MTQ', 'MUS', 'MWI', 'MYS', 'MYT', 'NAM',
  'NCL', 'NER', 'NFK', 'NGA', 'NIC', 'NIU', 'NLD', 'NOR', 'NPL', 'NRU', 'NZL', 'OMN', 'PAK', 'PAN', 'PCN', 'PER',
  'PHL', 'PLW', 'PNG', 'POL', 'PRI', 'PRK', 'PRT', 'PRY', 'PSE', 'PYF', 'QAT', 'REU', 'ROU', 'RUS', 'RWA', 'SAU',
  'SDN', 'SEN', 'SGP', 'SGS', 'SHN', 'SJM', 'SLB', 'SLE', 'SLV', 'SMR', 'SOM', 'SPM', 'SRB', 'SSD', 'STP', 'SUR',
  'SVK', 'SVN', 'SWE', 'SWZ', 'SXM', 'SYC', 'SYR', 'TCA', 'TCD', 'TGO', 'THA', 'TJK', 'TKL', 'TKM', 'TLS', 'TON',
  'TTO', 'TUN', 'TUR', 'TUV', 'TWN', 'TZA', 'UGA', 'UKR', 'UMI', 'URY', 'USA', 'UZB', 'VAT', 'VCT', 'VEN', 'VGB',
  'VIR', 'VNM', 'VUT', 'WLF', 'WSM', 'YEM', 'ZAF', 'ZMB', 'ZWE',
];

/** Where a code may appear. */
export type StateCodeUse = 'issuer-and-nationality' | 'nationality-only' | 'specimen' | 'deviation-xxk' | 'never';

export interface SpecialStateCode {
  code: string;
  meaning: string;
  use: StateCodeUse;
}

/** ICAO 9303-3 §5 codes outside ISO 3166-1, and codes the validator must treat specially. */
export const ICAO_SPECIAL_STATE_CODES: readonly SpecialStateCode[] = [
  { code: 'D', meaning: 'Germany (MRZ spelling; D ≡ DEU in matching)', use: 'issuer-and-nationality' },
  { code: 'GBD', meaning: 'British Overseas Territories Citizen', use: 'issuer-and-nationality' },
  { code: 'GBN', meaning: 'British National (Overseas)', use: 'issuer-and-nationality' },
  { code: 'GBO', meaning: 'British Overseas Citizen', use: 'issuer-and-nationality' },
  { code: 'GBP', meaning: 'British Protected Person', use: 'issuer-and-nationality' },
  { code: 'GBS', meaning: 'British Subject', use: 'issuer-and-nationality' },
  { code: 'RKS', meaning: 'Kosovo (in operational use, not in ISO 3166-1)', use: 'issuer-and-nationality' },
  { code: 'EUE', meaning: 'European Union', use: 'issuer-and-nationality' },
  { code: 'UNO', meaning: 'United Nations Organization or one of its officials', use: 'issuer-and-nationality' },
  { code: 'UNA', meaning: 'UN specialized agency or one of its officials', use: 'issuer-and-nationality' },
  { code: 'UNK', meaning: 'Resident of Kosovo, document issued by UNMIK', use: 'issuer-and-nationality' },
  { code: 'XBA', meaning: 'African Development Bank', use: 'issuer-and-nationality' },
  { code: 'XIM', meaning: 'African Export-Import Bank', use: 'issuer-and-nationality' },
  { code: 'XCC', meaning: 'Caribbean Community (CARICOM)', use: 'issuer-and-nationality' },
  { code: 'XCE', meaning: 'Council of Europe', use: 'issuer-and-nationality' },
  { code: 'XCO', meaning: 'Common Market for Eastern and Southern Africa (COMESA)', use: 'issuer-and-nationality' },
  { code: 'XEC', meaning: 'Economic Community of West African States (ECOWAS)', use: 'issuer-and-nationality' },
  { code: 'XPO', meaning: 'International Criminal Police Organization (INTERPOL)', use: 'issuer-and-nationality' },
  { code: 'XES', meaning: 'Organisation of Eastern Caribbean States (OECS)', use: 'issuer-and-nationality' },
  { code: 'XMP', meaning: 'Parliamentary Assembly of the Mediterranean', use: 'issuer-and-nationality' },
  { code: 'XOM', meaning: 'Sovereign Military Order of Malta', use: 'issuer-and-nationality' },
  { code: 'XDC', meaning: 'Southern African Development Community (SADC)', use: 'issuer-and-nationality' },
  { code: 'XXA', meaning: 'Stateless person (1954 Convention)', use: 'nationality-only' },
  { code: 'XXB', meaning: 'Refugee (1951 Convention / 1967 Protocol)', use: 'nationality-only' },
  { code: 'XXC', meaning: 'Refugee, other', use: 'nationality-only' },
  { code: 'XXX', meaning: 'Unspecified nationality', use: 'nationality-only' },
  { code: 'ANT', meaning: 'Netherlands Antilles (deprecated in ISO 3166; valid for old documents)', use: 'issuer-and-nationality' },
  { code: 'NTZ', meaning: 'Neutral Zone (deprecated in ISO 3166; valid for old documents)', use: 'issuer-and-nationality' },
  { code: 'UTO', meaning: 'Utopia, ICAO specimen documents', use: 'specimen' },
  { code: 'XXK', meaning: 'Kosovo on some German residence permits; not a Doc 9303 code', use: 'deviation-xxk' },
  { code: 'IAO', meaning: 'ICAO, used only to sign master lists', use: 'never' },
];
