/** Who did something and from which device: stamped on every event. */
export interface Actor {
  user: string;
  device: string;
}
