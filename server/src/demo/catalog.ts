import type { PRINTER_PROTOCOLS, WORK_CENTER_KINDS } from '@printfloor/shared';

/** The demo farm's fixed cast: real printer models, filament brands and colours, a job shop's routings. */

export const WORK_CENTERS: { code: string; name: string; kind: (typeof WORK_CENTER_KINDS)[number] }[] = [
  { code: 'WC-PRINT', name: 'Print farm', kind: 'print' },
  { code: 'WC-POST', name: 'Post-processing bench', kind: 'post_process' },
  { code: 'WC-ASSY', name: 'Assembly bench', kind: 'assembly' },
  { code: 'WC-QC', name: 'Quality control', kind: 'qc' },
  { code: 'WC-PACK', name: 'Packing & shipping', kind: 'packing' },
];

export const SCRAP_REASONS: [code: string, name: string][] = [
  ['WARP', 'Warping / corner lift'],
  ['LAYER-SHIFT', 'Layer shift'],
  ['SPAGHETTI', 'Spaghetti (detached print)'],
  ['ADHESION', 'Poor bed adhesion'],
  ['UNDER-EXT', 'Under-extrusion'],
  ['STRINGING', 'Heavy stringing'],
  ['DIM-OOT', 'Dimension out of tolerance'],
  ['SURFACE', 'Surface defect'],
  ['POST-DMG', 'Damaged in post-processing'],
];

export const DOWNTIME_REASONS: [code: string, name: string, planned: boolean][] = [
  ['CLOG', 'Nozzle clog', false],
  ['RUNOUT', 'Filament run-out', false],
  ['AMS-JAM', 'AMS / feeder jam', false],
  ['BED-LEVEL', 'Bed levelling / calibration', false],
  ['MAINT', 'Scheduled maintenance', true],
  ['FIRMWARE', 'Firmware update', true],
  ['NO-MATERIAL', 'Waiting for material', false],
  ['POWER', 'Power outage', false],
];

export const PEOPLE: [name: string, role: 'operator' | 'lead' | 'manager' | 'admin'][] = [
  ['Ana Kovač', 'operator'],
  ['Ben Okafor', 'operator'],
  ['Chloé Martin', 'operator'],
  ['Dev Patel', 'operator'],
  ['Emma Lindqvist', 'operator'],
  ['Farid Haddad', 'lead'],
  ['Grace Liu', 'manager'],
  ['Hugo Schmidt', 'admin'],
];

type Protocol = (typeof PRINTER_PROTOCOLS)[number];

/** Twelve printers: Bambu Lab over LAN MQTT, Prusas behind OctoPrint, Klipper machines behind Moonraker. */
export const PRINTERS: {
  name: string;
  brand: string;
  model: string;
  protocol: Protocol;
  serialPrefix: string;
  slots: number;
}[] = [
  {
    name: 'X1C Alpha',
    brand: 'Bambu Lab',
    model: 'X1 Carbon',
    protocol: 'bambu',
    serialPrefix: '00M09A',
    slots: 4,
  },
  {
    name: 'X1C Bravo',
    brand: 'Bambu Lab',
    model: 'X1 Carbon',
    protocol: 'bambu',
    serialPrefix: '00M09A',
    slots: 4,
  },
  {
    name: 'X1C Charlie',
    brand: 'Bambu Lab',
    model: 'X1 Carbon',
    protocol: 'bambu',
    serialPrefix: '00M09A',
    slots: 4,
  },
  {
    name: 'P1S Delta',
    brand: 'Bambu Lab',
    model: 'P1S',
    protocol: 'bambu',
    serialPrefix: '01P00A',
    slots: 4,
  },
  { name: 'P1S Echo', brand: 'Bambu Lab', model: 'P1S', protocol: 'bambu', serialPrefix: '01P00A', slots: 4 },
  {
    name: 'A1 Foxtrot',
    brand: 'Bambu Lab',
    model: 'A1',
    protocol: 'bambu',
    serialPrefix: '03919A',
    slots: 1,
  },
  {
    name: 'MK4S Golf',
    brand: 'Prusa Research',
    model: 'Original Prusa MK4S',
    protocol: 'octoprint',
    serialPrefix: 'CZPX',
    slots: 1,
  },
  {
    name: 'MK4S Hotel',
    brand: 'Prusa Research',
    model: 'Original Prusa MK4S',
    protocol: 'octoprint',
    serialPrefix: 'CZPX',
    slots: 1,
  },
  {
    name: 'MK3S India',
    brand: 'Prusa Research',
    model: 'Original Prusa i3 MK3S+',
    protocol: 'octoprint',
    serialPrefix: 'CZPX',
    slots: 1,
  },
  {
    name: 'Voron Juliet',
    brand: 'Voron Design',
    model: 'Voron 2.4 R2 350',
    protocol: 'moonraker',
    serialPrefix: 'V2-',
    slots: 1,
  },
  {
    name: 'Voron Kilo',
    brand: 'Voron Design',
    model: 'Voron Trident 300',
    protocol: 'moonraker',
    serialPrefix: 'VT-',
    slots: 1,
  },
  {
    name: 'RatRig Lima',
    brand: 'Rat Rig',
    model: 'V-Core 4 400',
    protocol: 'moonraker',
    serialPrefix: 'RR4-',
    slots: 1,
  },
];

export interface Filament {
  brand: string;
  material: string;
  colorName: string;
  colorHex: string;
  /** Empty spool weight of this brand's reel, grams. */
  tareG: number;
}

/** Real brand/material/colour combinations; tare weights typical of each brand's reel. */
export const FILAMENTS: Filament[] = [
  { brand: 'Bambu Lab', material: 'PLA', colorName: 'Jade White', colorHex: '#FFFFFF', tareG: 250 },
  { brand: 'Bambu Lab', material: 'PLA', colorName: 'Black', colorHex: '#000000', tareG: 250 },
  { brand: 'Bambu Lab', material: 'PLA', colorName: 'Bambu Green', colorHex: '#00AE42', tareG: 250 },
  { brand: 'Bambu Lab', material: 'PETG', colorName: 'Translucent Orange', colorHex: '#F27A1A', tareG: 250 },
  { brand: 'Bambu Lab', material: 'PLA-CF', colorName: 'Lava Gray', colorHex: '#4D5054', tareG: 250 },
  { brand: 'Bambu Lab', material: 'TPU', colorName: 'Blue', colorHex: '#0A2CA5', tareG: 250 },
  { brand: 'Prusament', material: 'PLA', colorName: 'Galaxy Black', colorHex: '#1B1B1F', tareG: 201 },
  { brand: 'Prusament', material: 'PLA', colorName: 'Prusa Orange', colorHex: '#FA6831', tareG: 201 },
  { brand: 'Prusament', material: 'PETG', colorName: 'Jet Black', colorHex: '#0F0F0F', tareG: 201 },
  { brand: 'Prusament', material: 'ASA', colorName: 'Signal White', colorHex: '#ECECE7', tareG: 201 },
  { brand: 'Polymaker', material: 'PolyLite PLA', colorName: 'Grey', colorHex: '#8C8C8C', tareG: 220 },
  { brand: 'Polymaker', material: 'PolyMax PETG', colorName: 'Red', colorHex: '#C8102E', tareG: 220 },
  { brand: 'Polymaker', material: 'PA6-CF', colorName: 'Black', colorHex: '#222222', tareG: 220 },
  { brand: 'eSUN', material: 'PLA+', colorName: 'Cold White', colorHex: '#F4F7FB', tareG: 235 },
  { brand: 'eSUN', material: 'ABS+', colorName: 'Black', colorHex: '#101010', tareG: 235 },
  { brand: 'Elegoo', material: 'PLA', colorName: 'Space Grey', colorHex: '#5B5E62', tareG: 210 },
  { brand: 'Sunlu', material: 'PETG', colorName: 'Transparent', colorHex: '#E8F1F2', tareG: 240 },
  { brand: 'Overture', material: 'TPU', colorName: 'Yellow', colorHex: '#F7D117', tareG: 245 },
];

/** Parts a small print shop makes for its customers. */
export const PARTS: { description: string; material: string; grams: number; minutes: number }[] = [
  { description: 'Camera mount bracket', material: 'PETG', grams: 38, minutes: 95 },
  { description: 'Electronics enclosure lid', material: 'ASA', grams: 112, minutes: 240 },
  { description: 'Planetary gear housing', material: 'PA6-CF', grams: 74, minutes: 180 },
  { description: 'Cable clip (10-pack)', material: 'PLA', grams: 12, minutes: 25 },
  { description: 'Blower fan duct', material: 'ABS+', grams: 21, minutes: 55 },
  { description: 'FPV drone arm', material: 'PLA-CF', grams: 29, minutes: 70 },
  { description: 'Control knob, knurled', material: 'PLA', grams: 8, minutes: 20 },
  { description: 'Living hinge case', material: 'PETG', grams: 46, minutes: 110 },
  { description: 'Vibration damper foot', material: 'TPU', grams: 15, minutes: 45 },
  { description: 'Sensor mounting plate', material: 'PLA', grams: 58, minutes: 130 },
];

export const CUSTOMERS = [
  'Nordwind Robotics',
  'Halden Medical Devices',
  'Atelier Brisé',
  'Kestrel Drones',
  'Green Valley Farms Co-op',
  'Meridian Audio',
  'City Makerspace',
];

/** Routings: work center codes in order, with the operation names a floor uses. */
export const ROUTINGS: { name: string; wc: string; setup: number; run: number }[][] = [
  [
    { name: 'Print', wc: 'WC-PRINT', setup: 10, run: 0 },
    { name: 'Remove supports', wc: 'WC-POST', setup: 5, run: 4 },
    { name: 'Inspect', wc: 'WC-QC', setup: 0, run: 2 },
  ],
  [
    { name: 'Print', wc: 'WC-PRINT', setup: 10, run: 0 },
    { name: 'Remove supports & deburr', wc: 'WC-POST', setup: 5, run: 6 },
    { name: 'Install heat-set inserts', wc: 'WC-ASSY', setup: 10, run: 3 },
    { name: 'Dimensional check', wc: 'WC-QC', setup: 5, run: 3 },
  ],
  [
    { name: 'Print', wc: 'WC-PRINT', setup: 15, run: 0 },
    { name: 'Sand & prime', wc: 'WC-POST', setup: 10, run: 12 },
    { name: 'Assemble', wc: 'WC-ASSY', setup: 10, run: 8 },
    { name: 'Final QC', wc: 'WC-QC', setup: 0, run: 4 },
    { name: 'Pack & label', wc: 'WC-PACK', setup: 5, run: 1 },
  ],
];
