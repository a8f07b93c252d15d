import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

/**
 * Natural Earth's 1:50m countries (world-atlas), fetched as a separate asset
 * so the map data never weighs on the page's JavaScript; small states are
 * present at this scale.
 */

let countries: Promise<FeatureCollection<Geometry, { name?: string }>> | null = null;

export function loadCountries(): Promise<FeatureCollection<Geometry, { name?: string }>> {
  countries ??= fetch(countriesUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`the map data could not be loaded (${res.status})`);
      return res.json() as Promise<Topology<{ countries: GeometryCollection<{ name?: string }> }>>;
    })
    .then((topology) => feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name?: string }>)
    .catch((error: unknown) => {
      countries = null;
      throw error;
    });
  return countries;
}
