//! 3D boxes (`box_3d`) and their projection onto the image.
//!
//! The model gives 9 numbers: the box centre `x, y, z` in metres in the camera frame,
//! its size along those axes in metres, and roll, pitch, yaw in degrees. The projection
//! follows Google's spatial understanding starter applet (`Content.tsx`, the renderer the
//! cookbook's 3D notebook points to): Euler angles to a quaternion to a rotation matrix,
//! the 8 corners rotated and moved to the centre, the frame tilted by 90 degrees about x
//! (the model's z is up, y points away from the camera), then a pinhole camera with
//! focal length `f = width / (2 tan(fov / 2))` and the principal point at the image
//! centre. Unlike the applet, a box with a corner at or behind the camera is refused
//! instead of being drawn inside out.

use super::{ImageSize, PixelPoint};
use serde::Serialize;

/// A 3D box as the model reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Box3d {
    /// Centre `[x, y, z]` in metres.
    pub center: [f64; 3],
    /// Size `[x, y, z]` in metres.
    pub size: [f64; 3],
    /// Roll, pitch and yaw in degrees.
    pub roll_pitch_yaw_degrees: [f64; 3],
}

/// A 3D box projected onto the image, ready to be drawn as 12 lines and a label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectedBox3d {
    /// The 8 corners: 0-3 the top face, 4-7 the bottom face, `i` above `i + 4`.
    pub corners: [PixelPoint; 8],
    /// Where the label goes: the projected centre, raised by 0.1 m.
    pub label_anchor: PixelPoint,
}

impl ProjectedBox3d {
    /// The 12 edges as pairs of indices into [`ProjectedBox3d::corners`].
    pub const EDGES: [(usize, usize); 12] = [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 0),
        (4, 5),
        (5, 6),
        (6, 7),
        (7, 4),
        (0, 4),
        (1, 5),
        (2, 6),
        (3, 7),
    ];
}

type Vec3 = [f64; 3];
type Mat3 = [[f64; 3]; 3];

fn mul(m: &Mat3, v: Vec3) -> Vec3 {
    let row = |r: &[f64; 3]| r[0] * v[0] + r[1] * v[1] + r[2] * v[2];
    [row(&m[0]), row(&m[1]), row(&m[2])]
}

impl Box3d {
    /// The box from the model's 9 numbers; `None` when one is not finite or a size is
    /// negative.
    pub fn from_values(values: [f64; 9]) -> Option<Self> {
        if values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let [cx, cy, cz, sx, sy, sz, roll, pitch, yaw] = values;
        if sx < 0.0 || sy < 0.0 || sz < 0.0 {
            return None;
        }
        Some(Box3d {
            center: [cx, cy, cz],
            size: [sx, sy, sz],
            roll_pitch_yaw_degrees: [roll, pitch, yaw],
        })
    }

    /// The model's 9 numbers back.
    pub fn to_values(&self) -> [f64; 9] {
        let ([cx, cy, cz], [sx, sy, sz], [r, p, y]) =
            (self.center, self.size, self.roll_pitch_yaw_degrees);
        [cx, cy, cz, sx, sy, sz, r, p, y]
    }

    /// The 8 corners in the model's frame, after rotation and translation.
    fn corners(&self) -> [Vec3; 8] {
        let [r, p, y] = self.roll_pitch_yaw_degrees.map(f64::to_radians);
        let (sr, sp, sy) = ((r / 2.0).sin(), (p / 2.0).sin(), (y / 2.0).sin());
        let (cr, cp, cy) = ((r / 2.0).cos(), (p / 2.0).cos(), (y / 2.0).cos());
        let q = [
            sr * cp * cy - cr * sp * sy,
            cr * sp * cy + sr * cp * sy,
            cr * cp * sy - sr * sp * cy,
            cr * cp * cy + sr * sp * sy,
        ];
        let rotation: Mat3 = [
            [
                1.0 - 2.0 * q[1] * q[1] - 2.0 * q[2] * q[2],
                2.0 * q[0] * q[1] - 2.0 * q[3] * q[2],
                2.0 * q[0] * q[2] + 2.0 * q[3] * q[1],
            ],
            [
                2.0 * q[0] * q[1] + 2.0 * q[3] * q[2],
                1.0 - 2.0 * q[0] * q[0] - 2.0 * q[2] * q[2],
                2.0 * q[1] * q[2] - 2.0 * q[3] * q[0],
            ],
            [
                2.0 * q[0] * q[2] - 2.0 * q[3] * q[1],
                2.0 * q[1] * q[2] + 2.0 * q[3] * q[0],
                1.0 - 2.0 * q[0] * q[0] - 2.0 * q[1] * q[1],
            ],
        ];
        let half = self.size.map(|s| s / 2.0);
        // Corner `i` of the applet's loop is (x, y, z) = (±, ±, ±) with bits (4, 2, 1);
        // this order puts the z = +half face first, walking around it.
        let order = [1usize, 3, 7, 5, 0, 2, 6, 4];
        order.map(|i| {
            let sign = |bit: usize| if i & bit != 0 { 1.0 } else { -1.0 };
            let local = [sign(4) * half[0], sign(2) * half[1], sign(1) * half[2]];
            let turned = mul(&rotation, local);
            [
                turned[0] + self.center[0],
                turned[1] + self.center[1],
                turned[2] + self.center[2],
            ]
        })
    }

    /// Projects the box onto an image of `size` seen with a horizontal field of view of
    /// `fov_degrees`. `None` when the field of view is not in (0, 180) degrees or a
    /// corner is not in front of the camera.
    pub fn project(&self, size: ImageSize, fov_degrees: f64) -> Option<ProjectedBox3d> {
        if !(fov_degrees > 0.0 && fov_degrees < 180.0) {
            return None;
        }
        let (width, height) = (f64::from(size.width()), f64::from(size.height()));
        let focal = width / (2.0 * (fov_degrees / 2.0).to_radians().tan());
        let tilt = 90f64.to_radians();
        let view: Mat3 = [
            [1.0, 0.0, 0.0],
            [0.0, tilt.cos(), -tilt.sin()],
            [0.0, tilt.sin(), tilt.cos()],
        ];
        let project = |p: Vec3| -> Option<PixelPoint> {
            let [x, y, z] = mul(&view, p);
            if z.is_nan() || z <= 1e-9 {
                return None;
            }
            let point = PixelPoint {
                x: focal * x / z + width / 2.0,
                y: focal * y / z + height / 2.0,
            };
            (point.x.is_finite() && point.y.is_finite()).then_some(point)
        };
        let vertices = self.corners();
        let mut corners = [PixelPoint { x: 0.0, y: 0.0 }; 8];
        for (slot, vertex) in corners.iter_mut().zip(vertices) {
            *slot = project(vertex)?;
        }
        let mut centre = [0.0; 3];
        for vertex in vertices {
            for (c, v) in centre.iter_mut().zip(vertex) {
                *c += v / 8.0;
            }
        }
        centre[2] += 0.1;
        Some(ProjectedBox3d {
            corners,
            label_anchor: project(centre)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size() -> ImageSize {
        ImageSize::new(800, 600).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn nine_numbers_round_trip() {
        let values = [0.1, 2.0, -0.3, 0.5, 0.4, 0.2, 10.0, -5.0, 90.0];
        assert_eq!(Box3d::from_values(values).unwrap().to_values(), values);
    }

    #[test]
    fn negative_sizes_and_non_finite_values_are_refused() {
        assert!(Box3d::from_values([0.0, 1.0, 0.0, -1.0, 1.0, 1.0, 0.0, 0.0, 0.0]).is_none());
        assert!(Box3d::from_values([f64::NAN, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]).is_none());
    }

    #[test]
    fn a_box_straight_ahead_is_centred_and_symmetric() {
        let b = Box3d::from_values([0.0, 2.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]).unwrap();
        let p = b.project(size(), 90.0).unwrap();
        let mean_x = p.corners.iter().map(|c| c.x).sum::<f64>() / 8.0;
        assert!(close(mean_x, 400.0), "{mean_x}");
        // Top face (model z = +0.5) is drawn above the bottom face.
        for i in 0..4 {
            assert!(p.corners[i].y < p.corners[i + 4].y);
        }
        // The label is raised by 0.1 m at depth 2 with f = 400: 20 px above the centre.
        assert!(close(p.label_anchor.x, 400.0) && close(p.label_anchor.y, 300.0 - 20.0));
    }

    #[test]
    fn the_near_face_is_larger_than_the_far_face() {
        let b = Box3d::from_values([0.0, 3.0, 0.0, 1.0, 2.0, 1.0, 0.0, 0.0, 0.0]).unwrap();
        let p = b.project(size(), 60.0).unwrap();
        // Corners 0 (y = -1, near) and 1 (y = +1, far) of the top face share x = -0.5.
        assert!(p.corners[0].x < p.corners[1].x);
    }

    #[test]
    fn yaw_of_ninety_degrees_swaps_width_and_depth() {
        let wide = Box3d::from_values([0.0, 4.0, 0.0, 2.0, 0.2, 0.2, 0.0, 0.0, 0.0]).unwrap();
        let turned = Box3d::from_values([0.0, 4.0, 0.0, 2.0, 0.2, 0.2, 0.0, 0.0, 90.0]).unwrap();
        let spread = |p: ProjectedBox3d| {
            let xs = p.corners.map(|c| c.x);
            xs.iter().cloned().fold(f64::MIN, f64::max)
                - xs.iter().cloned().fold(f64::MAX, f64::min)
        };
        let (a, b) = (
            spread(wide.project(size(), 60.0).unwrap()),
            spread(turned.project(size(), 60.0).unwrap()),
        );
        assert!(a > 3.0 * b, "{a} vs {b}");
    }

    #[test]
    fn boxes_behind_the_camera_and_bad_fields_of_view_are_refused() {
        let behind = Box3d::from_values([0.0, -2.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]).unwrap();
        assert!(behind.project(size(), 60.0).is_none());
        let ahead = Box3d::from_values([0.0, 2.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]).unwrap();
        assert!(ahead.project(size(), 0.0).is_none());
        assert!(ahead.project(size(), 180.0).is_none());
        assert!(ahead.project(size(), f64::NAN).is_none());
    }
}
