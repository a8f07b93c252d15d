// The hubs and skills the import benchmark places its generated candidates against
// (coordinates of the city centres; catchment as README's default radius).
UNWIND [
  ['oxford', 'Oxford', 'GB', 51.7520, -1.2577], ['cambridge', 'Cambridge', 'GB', 52.2053, 0.1218],
  ['london', 'London', 'GB', 51.5072, -0.1276], ['munich', 'Munich', 'DE', 48.1351, 11.5820],
  ['berlin', 'Berlin', 'DE', 52.5200, 13.4050], ['amsterdam', 'Amsterdam', 'NL', 52.3676, 4.9041],
  ['nijmegen', 'Nijmegen', 'NL', 51.8126, 5.8372], ['paris', 'Paris', 'FR', 48.8566, 2.3522],
  ['grenoble', 'Grenoble', 'FR', 45.1885, 5.7245], ['warsaw', 'Warsaw', 'PL', 52.2297, 21.0122],
  ['krakow', 'Kraków', 'PL', 50.0647, 19.9450]
] AS hub
MERGE (h:Hub {id: hub[0]})
SET h.name = hub[1], h.countryCode = hub[2], h.location = point({latitude: hub[3], longitude: hub[4]}), h.catchmentKm = 100
WITH count(*) AS hubs
UNWIND ['PyTorch', 'TensorFlow', 'MONAI', 'SimpleITK', 'OpenCV', 'DICOM', 'HL7', 'FHIR', 'Segmentation', 'Python'] AS name
MERGE (s:Skill {id: toLower(name)})
SET s.name = name
