/** Hours as people read them: "1.5 h", "12 h". */
export const formatHours = (hours: number) => `${hours.toLocaleString("en-GB", { maximumFractionDigits: 2 })} h`;
