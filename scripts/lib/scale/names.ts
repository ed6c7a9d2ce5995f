/** Words to make up people, PCNs and integrated care systems that look like the real thing. */

export const FIRST_NAMES =
  "Aisha Amelia Amir Anna Ben Bethan Callum Chen Chloe Daniel Deepa Eilidh Emma Fatima Gareth Grace Hannah Harvey Imran Isla Jack Jasmine Joseph Kwame Laura Leah Liam Lucy Marek Maya Mohammed Naomi Niamh Oliver Olivia Oscar Priya Rachel Rhys Rosa Ruth Sam Sara Sean Sofia Tariq Thomas Zara".split(
    " ",
  );

export const LAST_NAMES =
  "Ahmed Ali Baker Begum Brown Campbell Chowdhury Clarke Davies Edwards Evans Green Hall Harris Hughes Jackson James Jones Khan King Kowalski Lewis Martin Mensah Morgan Murphy Nowak Okafor Owen Patel Phillips Roberts Robinson Scott Shah Singh Smith Taylor Thomas Thompson Turner Walker Ward White Williams Wood Wright Young".split(
    " ",
  );

const PLACES =
  "Abbey Ashford Beacon Birchwood Bridgewater Brook Castle Cedar Church Cliff Dale Eastgate Elm Fairfield Forest Granary Harbour Heath Highfield Hillside Kingsway Lakeside Market Meadow Mill Northgate Oak Orchard Park Priory Quarry Riverside Southgate Spring Station Tower Valley Westgate Willow Wold".split(
    " ",
  );

const AREAS = "Central North South East West Rural Coastal Town Villages Vale".split(" ");

const REGIONS =
  "Avon Bedford Cheshire Cornwall Cumbria Derby Devon Dorset Durham Essex Gloucester Hampshire Hereford Kent Lancashire Leicester Lincoln Norfolk Northampton Nottingham Oxford Shropshire Somerset Stafford Suffolk Surrey Sussex Tees Tyne Warwick Wiltshire Worcester York Humber Mersey Solent Pennine Severn Thames Trent Wear Medway".split(
    " ",
  );

/** A name unique to the PCN's position: 400 places and areas, then numbered. */
export function pcnName(index: number): string {
  const place = PLACES[index % PLACES.length]!;
  const area = AREAS[Math.floor(index / PLACES.length) % AREAS.length]!;
  const round = Math.floor(index / (PLACES.length * AREAS.length));
  return `${place} ${area}${round ? ` ${round + 1}` : ""} PCN`;
}

export function icsName(index: number): string {
  const region = REGIONS[index % REGIONS.length]!;
  const round = Math.floor(index / REGIONS.length);
  return `${region}${round ? ` ${round + 1}` : ""} Integrated Care System`;
}
