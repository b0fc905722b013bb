/**
 * Name pools for the demo company. Faker's en_GB locale has no names of its own (it falls back to en, whose
 * surnames are American: Altenwerth, Schowalter), so the pools are written out here: common names across the UK's
 * generations and communities, with the unicode, apostrophe and hyphen cases a sync must carry intact.
 * Plain lists picked from with the seeded generator, so 50,000 employees cost one index each, not a faker call.
 */

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const femaleFirstNames = words(`
  Olivia Amelia Isla Ava Emily Sophie Grace Lily Freya Ella Charlotte Poppy Evie Jessica Ruby Hannah Chloe
  Lucy Sarah Laura Rachel Emma Claire Helen Nicola Joanne Karen Susan Julie Deborah Gemma Kirsty Lauren
  Megan Holly Abigail Eleanor Harriet Imogen Alice Rosie Phoebe Bethany Niamh Aoife Ciara Eilidh Catriona
  Morag Rhiannon Cerys Ffion Seren Bethan Priya Aisha Fatima Zara Anjali Sana Amara Chidinma Adaeze Yasmin
  Leah Natalie Stephanie Victoria Amy Louise Fiona Janet Margaret Patricia Jennifer Katherine Elizabeth
  Rebecca Alexandra Agnieszka Katarzyna Maria Ana Ewa
`);

export const maleFirstNames = words(`
  Oliver George Harry Noah Jack Jacob Leo Oscar Charlie Alfie Freddie Arthur Thomas James William Henry
  Joshua Samuel Daniel Matthew Benjamin Luke Adam Callum Connor Ryan Liam Jamie Lewis Kieran Scott Craig
  Stuart Gareth Rhys Dylan Owain Ieuan Euan Fraser Hamish Angus Ciaran Declan Cormac Padraig Mohammed
  Ibrahim Yusuf Arjun Rohan Sanjay Vikram Hassan Tariq Imran Kwame Tunde Chinedu Marcus Andrew David Paul
  Mark Richard Stephen Ian Neil Simon Graham Colin Martin Peter Robert Christopher Michael Jonathan Piotr
  Tomasz Marek Andrei Mateusz
`);

/** First names that carry diacritics: they must survive the round trip from HR to ExpenseIn unchanged. */
export const unicodeFemaleFirstNames = [
  'Siobhán',
  'Zoë',
  'Chloë',
  'Renée',
  'Aoibhín',
  'Róisín',
  'Małgorzata',
] as const;
export const unicodeMaleFirstNames = [
  'Łukasz',
  'Seán',
  'Pádraig',
  'Dónal',
  'José',
  'Paweł',
  'Ruairí',
] as const;

export const surnames = words(`
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright
  Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill
  Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker
  Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy
  Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman
  Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight
  Lloyd Butler Russell Barker Fisher Stevens Jenkins Dixon Fletcher Howard Pearce Stewart Gibson MacDonald
  McLeod Fraser Reid Ross Sinclair Hamilton Kerr Byrne Doyle Gallagher Quinn Walsh Nolan Llewellyn
  Pritchard Vaughan Rees Howells Sharma Chaudhry Ahmed Rahman Kaur Gill Okafor Adeyemi Mensah Boateng
  Nowak Kowalski Lewandowski Chen Wong Nguyen Santos Silva Fernandes Rossi Costa
`);

/** Surnames with an apostrophe, a space or a diacritic: local parts of emails drop them, names keep them. */
export const trickySurnames = [
  "O'Brien",
  "O'Connor",
  "O'Neill",
  "D'Souza",
  'Wiśniewski',
  'Kowalczyk',
  'Ní Bhriain',
  'Mac an tSaoi',
  'Müller',
] as const;

/** A formal first name and the short form a user types into ExpenseIn themselves (R16: edited in ExpenseIn). */
export const shortForms = [
  { formal: 'Robert', short: 'Rob', gender: 'Male' },
  { formal: 'William', short: 'Will', gender: 'Male' },
  { formal: 'Christopher', short: 'Chris', gender: 'Male' },
  { formal: 'Jonathan', short: 'Jon', gender: 'Male' },
  { formal: 'Katherine', short: 'Kate', gender: 'Female' },
  { formal: 'Elizabeth', short: 'Liz', gender: 'Female' },
  { formal: 'Rebecca', short: 'Becky', gender: 'Female' },
  { formal: 'Alexandra', short: 'Alex', gender: 'Female' },
] as const;

/** The employer: one of these, by seed. Its e-mail domain derives from the name (`northwind-logistics.co.uk`). */
export const companyNames = [
  'Northwind Logistics Ltd',
  'Pennine Precision Engineering Ltd',
  'Harbourside Foods Ltd',
  'Thistle & Rose Consulting Ltd',
  'Severn Valley Analytics Ltd',
  'Kestrel Freight Ltd',
  'Brightwater Healthcare Ltd',
  'Oakmere Software Ltd',
  'Calder Print & Packaging Ltd',
  'Blackthorn Retail Ltd',
] as const;

/** Agencies whose contractors hold ExpenseIn accounts but are not employees (R15: never changed). */
export const contractorAgencyDomains = [
  'brightpath-recruitment.co.uk',
  'interim-finance.co.uk',
  'hartley-contract-services.co.uk',
] as const;

export const ukBanks = [
  'Barclays',
  'HSBC UK',
  'Lloyds Bank',
  'NatWest',
  'Santander UK',
  'Nationwide Building Society',
  'Halifax',
  'TSB',
  'Monzo',
  'Starling Bank',
  'Metro Bank',
  'The Co-operative Bank',
] as const;
