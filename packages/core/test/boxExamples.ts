// BFL's box examples, for the boxes tests: the two example bodies of docs/bfl-api.md Part II §2.9 (a 16:9 poster
// layout and a box edit with two references) verbatim, and a caption for the bounding-box page's "runner" layout
// (the page's rows are recorded, its caption's wording is not).

export const runnerCaption =
  "A lone runner <silhouette_1> crosses the frame against a dusky orange sky <background_1>.";

/** §2.9's layout generation body. */
export const posterBody = {
  prompt:
    'Product poster. A white mug <mug_1> stands on an oak table <table_1> in front of a terracotta wall <background_1>, with the headline <headline_1> at the upper left. [{"id":"background_1","bbox":[0,0,1000,1000],"desc":"A flat matte wall in warm terracotta, even studio light, no texture."},{"id":"table_1","bbox":[720,0,1000,1000],"desc":"A pale oak tabletop running edge to edge along the bottom of the frame."},{"id":"mug_1","bbox":[380,560,860,900],"desc":"A white ceramic mug with thin steam rising, handle pointing right, resting on the table."},{"id":"headline_1","bbox":[120,60,330,520],"desc":"The words \\"MORNING RITUAL\\" in bold cream sans-serif capitals, two centered lines."}]',
  aspect_ratio: "16:9",
  resolution: "2k",
  grounding: false,
  safety_tolerance: 2,
  version: "latest",
} as const;

/** §2.9's box edit body. */
export const kitchenEditBody = {
  prompt:
    'In <ref_image_0>, keep the window <window_1>, recolor the kettle <kettle_1> to matte red, move the basil plant <plant_1> to the right end of the counter, remove the mug <mug_1>, and place the brass lamp from image 2 <lamp_1> on the counter. [{"id":"window_1","from":"ref_image_0","src_bbox":[40,300,520,700],"tgt_bbox":[40,300,520,700],"desc":"The kitchen window with white frame and the garden behind it."},{"id":"kettle_1","from":null,"src_bbox":null,"tgt_bbox":[560,120,860,330],"desc":"A matte red enamel kettle with a black handle, same size and place as the old kettle."},{"id":"plant_1","from":"ref_image_0","src_bbox":[500,40,860,180],"tgt_bbox":[500,820,860,960],"desc":"The potted basil plant in a terracotta pot."},{"id":"mug_1","from":"ref_image_0","src_bbox":[700,520,860,620],"tgt_bbox":null,"desc":"A blue mug."},{"id":"lamp_1","from":"ref_image_1","src_bbox":[80,250,920,750],"tgt_bbox":[260,640,700,800],"desc":"The brass table lamp from the second picture, lit, standing on the counter."}]',
  images: ["https://example.com/kitchen.jpg", "https://example.com/brass-lamp.png"],
  aspect_ratio: "auto",
  resolution: "1k",
  safety_tolerance: 2,
} as const;
